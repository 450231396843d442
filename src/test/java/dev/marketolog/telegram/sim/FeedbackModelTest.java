package dev.marketolog.telegram.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marketolog.telegram.CommentFeedback;
import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedbackModelTest {

    private static final long CHAT = -1009000000000L;
    private static final FeedbackModel MODEL = new FeedbackModel(7);

    private static List<CommentFeedback> many(FeedbackModel model, Duration age) {
        return IntStream.rangeClosed(1, 10_000).mapToObj(id -> model.at(CHAT, id, age)).toList();
    }

    private static double mean(List<CommentFeedback> all, ToIntFunction<CommentFeedback> count) {
        return all.stream().mapToInt(count).average().orElseThrow();
    }

    @Test
    void theSameSeedCommentAndAgeAlwaysGiveTheSameFeedbackAndAnotherSeedOther() {
        Duration age = Duration.ofHours(5);

        assertThat(many(new FeedbackModel(7), age)).isEqualTo(many(MODEL, age));
        assertThat(many(new FeedbackModel(8), age)).isNotEqualTo(many(MODEL, age));
    }

    @Test
    void aCommentJustSentHasNothingYet() {
        assertThat(many(MODEL, Duration.ZERO)).allMatch(f -> f.equals(new CommentFeedback(0, 0)));
    }

    @Test
    void feedbackGrowsOverTheFirstHoursAndNeverShrinks() {
        List<Duration> ages = List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(2), Duration.ofDays(30));
        for (long id = 1; id <= 1000; id++) {
            long comment = id;
            List<CommentFeedback> growing = ages.stream().map(age -> MODEL.at(CHAT, comment, age)).toList();
            for (int i = 1; i < growing.size(); i++) {
                assertThat(growing.get(i).reactions()).isGreaterThanOrEqualTo(growing.get(i - 1).reactions());
                assertThat(growing.get(i).replies()).isGreaterThanOrEqualTo(growing.get(i - 1).replies());
            }
        }
        // each reaction arrives within an hour with probability 1 - 1/e: 0.8 * 2.5 * 0.632 on average after one
        assertThat(mean(many(MODEL, Duration.ofHours(1)), CommentFeedback::reactions)).isCloseTo(1.26, within(0.1));
        assertThat(mean(many(MODEL, Duration.ofDays(2)), CommentFeedback::reactions)).isCloseTo(2.0, within(0.1));
    }

    @Test
    void aFifthGetNothingAndTheRestUpToFiveReactionsAndTwoReplies() {
        List<CommentFeedback> settled = many(MODEL, Duration.ofDays(30));

        long nothing = settled.stream().filter(f -> f.equals(new CommentFeedback(0, 0))).count();
        // the quiet fifth, and the others whose draws were 0 and 0 (0.8 / 6 / 3 = 4.4 %)
        assertThat(nothing / 10_000.0).isCloseTo(0.244, within(0.02));
        assertThat(settled).allMatch(f -> f.reactions() <= FeedbackModel.MAX_REACTIONS && f.replies() <= FeedbackModel.MAX_REPLIES);
        assertThat(settled).anyMatch(f -> f.reactions() == FeedbackModel.MAX_REACTIONS);
        assertThat(settled).anyMatch(f -> f.replies() == FeedbackModel.MAX_REPLIES);
        assertThat(mean(settled, CommentFeedback::replies)).isCloseTo(0.8, within(0.05));
    }
}
