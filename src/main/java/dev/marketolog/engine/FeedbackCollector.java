package dev.marketolog.engine;

import dev.marketolog.engine.FeedbackStore.SentComment;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Telegram;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One account's reading back of its comments: every {@link #MIN_ROUND} to {@link #MAX_ROUND} (each round at its own
 * moment, so the fleet's accounts do not read together), the comments {@link FeedbackSchedule} finds due are read
 * through the account's own session and stored. Its runner decides when it may read at all.
 */
final class FeedbackCollector {

    static final Duration MIN_ROUND = Duration.ofMinutes(10);
    static final Duration MAX_ROUND = Duration.ofMinutes(15);

    private final String account;
    private final Telegram telegram;
    private final FeedbackStore store;
    private final RandomGenerator random;
    private final LongCall longCall;

    /**
     * @param random   this collector's own: the account's generator stays the runner's
     * @param longCall the runner's long call, which a lost lease cuts short
     */
    FeedbackCollector(String account, Telegram telegram, FeedbackStore store, RandomGenerator random, LongCall longCall) {
        this.account = account;
        this.telegram = telegram;
        this.store = store;
        this.random = random;
        this.longCall = longCall;
    }

    /** How long until the next round: from {@link #MIN_ROUND} to {@link #MAX_ROUND}. */
    Duration untilNextRound() {
        return Duration.ofMillis(random.nextLong(MIN_ROUND.toMillis(), MAX_ROUND.toMillis() + 1));
    }

    /** How long after the account starts its first round comes: anywhere in a round, so accounts started together spread. */
    Duration untilFirstRound() {
        return Duration.ofMillis(random.nextLong(MAX_ROUND.toMillis() + 1));
    }

    /**
     * Reads the comments due at {@code now} and stores what came back: each asked for is stored as asked, so one that
     * cannot be read (deleted, the group left) waits for its next step. Answers how many comments were read.
     */
    int round(Instant now) {
        List<SentComment> due = FeedbackSchedule.due(store.sentSince(account, now.minus(FeedbackSchedule.WINDOW)), now);
        if (due.isEmpty()) {
            return 0;
        }
        Map<OurComment, CommentFeedback> answered = longCall.run(() -> telegram.feedback(due.stream().map(SentComment::comment).toList()));
        Map<Long, CommentFeedback> read = new HashMap<>();
        for (SentComment comment : due) {
            CommentFeedback feedback = answered.get(comment.comment());
            if (feedback != null) {
                read.put(comment.id(), feedback);
            }
        }
        store.record(due.stream().map(SentComment::id).toList(), read, now);
        return read.size();
    }
}
