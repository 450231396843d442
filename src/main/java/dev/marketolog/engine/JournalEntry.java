package dev.marketolog.engine;

import dev.marketolog.telegram.PostKey;
import java.time.Instant;

/**
 * A journal row that counts against an account's limits: a live row (in flight, sent, unknown or dry_run), or a
 * failure that reached Telegram's server.
 *
 * @param at when it was sent if Telegram confirmed it, else when its slot was reserved
 */
public record JournalEntry(PostKey post, Branch branch, CommentStatus status, Instant at) {

    public long channelId() {
        return post.channelId();
    }

    /** Whether this row means the account has commented (or may have commented) the post. */
    public boolean blocksPost() {
        return status.live();
    }
}
