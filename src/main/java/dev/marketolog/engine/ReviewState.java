package dev.marketolog.engine;

import java.util.Locale;

/** Where a draft in the review queue stands: waiting or approved (pending), then sent, rejected or expired (closed). */
public enum ReviewState {
    /** Written, no operator has decided yet. */
    WAITING,
    /** Approved (as written or edited): the account's runner sends it as soon as the gate allows. */
    APPROVED,
    /** Handed to Telegram; the journal row tells how that went. */
    SENT,
    /** An operator withdrew it; its slot was released. */
    REJECTED,
    /** Nobody approved it in time, the post grew too old, or the gate can never let it go; its slot was released. */
    EXPIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReviewState ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean pending() {
        return this == WAITING || this == APPROVED;
    }
}
