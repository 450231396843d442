package dev.marketolog.engine;

import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal of comments: one row per attempt, the single source of every count the gate checks, so a restart can
 * never let an account exceed a limit. Times always come from the engine's clock. Implementations are thread-safe.
 */
public interface Journal {

    /**
     * Atomically writes a {@code reserved} row for {@code account} under {@code post}, held under the account's lease of
     * {@code leaseEpoch}, unless the account already has a live row for it or another account of ours breaks a
     * {@link FleetRules fleet rule} there.
     */
    Reservation reserve(String account, PostKey post, Branch branch, Instant at, FleetRules fleet, long leaseEpoch);

    /**
     * The text is written and about to be sent: the row becomes {@code sending} only while the lease it was reserved
     * under is still held (same epoch, not expired on the lease store's clock), checked in the same transaction.
     * Otherwise the row is released and the answer is false: nothing may be sent.
     */
    boolean markSending(long id, String text, Instant at);

    /**
     * Telegram confirmed the comment; {@code changes} (of the row's account) are written in the same transaction.
     * {@code link} is the comment's link in Telegram, when Telegram gave one.
     */
    void markSent(long id, long discussionChatId, long messageId, Optional<String> link, Instant sentAt, List<StateChange> changes);

    /**
     * Telegram refused it; {@code reachedServer} failures still count against the limits, local rejections do not.
     * {@code changes} (of the row's account) are written in the same transaction.
     */
    void markFailed(long id, String error, boolean reachedServer, Instant at, List<StateChange> changes);

    /** Whether it was posted cannot be told: it counts and blocks the post for good. */
    void markUnknown(long id, String reason, Instant at);

    /** DRY_RUN: the comment that would have been sent. */
    void markDryRun(long id, String text, Instant at);

    /** The writer gave up: the slot is freed and nothing counts. */
    void release(long id, Instant at);

    /** After a crash: the account's {@code reserved} rows are released and its {@code sending} rows become {@code unknown}. */
    void recover(String account, Instant at);

    /** The account's rows that count against its limits, at or after {@code since}, oldest first. */
    List<JournalEntry> history(String account, Instant since);

    /** The account's last sent or dry-run texts, newest first. */
    List<String> recentTexts(String account, int limit);

    /** How many other accounts hold a live row under the post. */
    int otherAccountsUnder(String account, PostKey post);

    /** When another account of ours last commented (or reserved to comment) in the channel. */
    Optional<Instant> lastByOthersInChannel(String account, long channelId);

    /** Someone deleted our comment: records it and answers whether it was one of the account's journaled comments. */
    boolean markDeleted(String account, long discussionChatId, long messageId, Instant at);

    /** How many of the account's comments in the channel were deleted by others at or after {@code since}. */
    int deletedSince(String account, long channelId, Instant since);
}
