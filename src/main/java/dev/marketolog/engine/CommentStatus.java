package dev.marketolog.engine;

import java.util.Locale;

/**
 * Where a journal row stands: reserved → sending → sent, failed or unknown; or released, or dry_run. Under REVIEW_MODE a
 * written draft waits as awaiting_review (it holds its slot and survives restarts) until it is sent or released.
 */
public enum CommentStatus {
    RESERVED,
    SENDING,
    SENT,
    FAILED,
    UNKNOWN,
    RELEASED,
    DRY_RUN,
    AWAITING_REVIEW;

    /** The value in the journal's {@code status} column. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a {@code status} column value. */
    public static CommentStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Live rows block the post for their account: at most one live row per account and post. */
    public boolean live() {
        return this != FAILED && this != RELEASED;
    }
}
