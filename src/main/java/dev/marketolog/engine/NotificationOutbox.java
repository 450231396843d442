package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notifications waiting to reach the operator. State changes that cause one write it in their own transaction;
 * this port adds the ones that change no row and hands the due ones to a delivery loop. Thread-safe.
 */
public interface NotificationOutbox {

    /** Adds a notification unless one with its key exists. */
    void add(Notification notification);

    /**
     * Hands the due notifications, oldest first and at most {@code limit}, to {@code delivery} and records its outcomes,
     * in one transaction that holds them: a second delivery loop (another instance) skips them meanwhile.
     */
    void deliverDue(Instant now, int limit, Delivery delivery);

    /** How many wait, and since when the oldest. */
    Backlog backlog(Instant now);

    /**
     * Each account's drafts that have waited for review since before {@code before}: journal rows in the status
     * {@code awaiting_review}, which review mode adds (until it does, there are none).
     */
    List<WaitingDrafts> draftsWaitingSince(Instant before);

    /** Forgets delivered notifications older than {@code before}; answers how many. */
    int purgeDelivered(Instant before);

    /** Sends a batch of due notifications and says what became of each. */
    @FunctionalInterface
    interface Delivery {
        List<Outcome> deliver(List<Pending> due);
    }

    /**
     * A due notification.
     *
     * @param attempts failed attempts so far
     * @param sinksDone the sinks that already have it
     */
    record Pending(long id, Notification notification, int attempts, Set<String> sinksDone) {
        public Pending {
            sinksDone = Set.copyOf(sinksDone);
        }
    }

    /** What a delivery did with one notification. */
    sealed interface Outcome {
        long id();

        /** Every sink has it. */
        record Delivered(long id, Instant at) implements Outcome {}

        /**
         * Some sink still lacks it: try again at {@code retryAt}.
         *
         * @param failed whether an attempt failed (it counts and backs off) or it merely waited its turn (a rate limit)
         */
        record Retry(long id, Set<String> sinksDone, Instant retryAt, boolean failed, Optional<String> error) implements Outcome {
            public Retry {
                sinksDone = Set.copyOf(sinksDone);
            }
        }
    }

    /** An account's drafts waiting for review: how many, and the oldest. */
    record WaitingDrafts(String account, int count, long oldestId, Instant oldestSince) {}

    /** The outbox's backlog, for /metrics and the console. */
    record Backlog(long waiting, Optional<Instant> oldestSince) {
        public static final Backlog EMPTY = new Backlog(0, Optional.empty());
    }
}
