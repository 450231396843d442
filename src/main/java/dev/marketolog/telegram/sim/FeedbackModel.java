package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.CommentFeedback;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What people make of a comment in the simulated world: a pure function of the world's seed, the comment's place and its
 * age, so it needs no saved state (the sandbox answers the same after a restart) and draws from a stream of its own per
 * comment (what {@code simulate} prints is unchanged). A fifth of the comments get nothing; the others get 0-5 reactions
 * and 0-2 replies, each arriving at its own moment, exponentially distributed with a mean of an hour: the counts grow
 * over the first hours and then stay.
 */
record FeedbackModel(long seed) {

    static final double QUIET_SHARE = 0.2;
    static final int MAX_REACTIONS = 5;
    static final int MAX_REPLIES = 2;
    static final Duration MEAN_DELAY = Duration.ofHours(1);

    /** The feedback on comment {@code messageId} of {@code discussionChatId} once it is {@code age} old. */
    CommentFeedback at(long discussionChatId, long messageId, Duration age) {
        SplittableRandom random = Seeds.stream(seed, "feedback " + discussionChatId + "/" + messageId);
        if (random.nextDouble() < QUIET_SHARE) {
            return new CommentFeedback(0, 0);
        }
        int reactions = random.nextInt(MAX_REACTIONS + 1);
        int replies = random.nextInt(MAX_REPLIES + 1);
        // the final counts are drawn first, then one arrival per reaction and reply: the same draws at every age
        return new CommentFeedback(arrived(random, reactions, age), arrived(random, replies, age));
    }

    private static int arrived(SplittableRandom random, int count, Duration age) {
        double ageSeconds = age.toMillis() / 1000.0;
        int arrived = 0;
        for (int i = 0; i < count; i++) {
            double delaySeconds = -Math.log(1 - random.nextDouble()) * MEAN_DELAY.toSeconds();
            if (delaySeconds <= ageSeconds) {
                arrived++;
            }
        }
        return arrived;
    }
}
