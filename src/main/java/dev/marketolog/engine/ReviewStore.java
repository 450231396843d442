package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review queue's storage, beside the {@link Journal}: a waiting draft's journal row is {@code awaiting_review}, so it
 * counts, blocks its post for every account and survives restarts. Every call that moves an item checks the state it
 * moves from in the same step, so the console, the runner and another instance can race without harm.
 */
public interface ReviewStore {

    /** The reserved row's draft waits for review: the row becomes {@code awaiting_review}, the item {@code waiting}. */
    void hold(ReviewDraft draft, Instant at);

    /** The account's waiting and approved items, oldest first. */
    List<ReviewItem> pending(String account);

    /** The posts of the account's drafts rejected or expired at or after {@code since}: it does not write for them again. */
    List<Post> closed(String account, Instant since);

    /** Every account's waiting and approved items, oldest first. */
    List<ReviewItem> pending();

    Optional<ReviewItem> item(long id);

    /** The item's steps, oldest first. */
    List<ReviewEvent> history(long id);

    /** Waiting → approved; false when it was not waiting. */
    boolean approve(long id, Operator by, Instant at);

    /**
     * A pending item gets a new text: an operator's edit (the item is then approved) or a regenerated draft (the item
     * waits again, so the operator reads the new text first). False when it was no longer pending.
     */
    boolean replace(long id, String text, ReviewEvent.Kind kind, Operator by, Instant at);

    /** A pending item is rejected or expired, and its journal row released; false when it was no longer pending. */
    boolean close(long id, ReviewState to, Optional<Operator> by, Optional<String> note, Instant at);

    /** Records the gate's latest word on a pending item (written only when it changed). */
    void assess(long id, Optional<SkipReason> blockedBy, Optional<Instant> couldGoAt);

    /**
     * An approved item is about to be sent by its account's runner holding the lease of {@code leaseEpoch}: its journal
     * row moves from {@code awaiting_review} to {@code sending} with the item's text, and the item becomes sent, only
     * while that lease is held (checked in the same step, as {@link Journal#markSending}). False: nothing may be sent.
     */
    boolean markSending(long id, long leaseEpoch, Instant at);
}
