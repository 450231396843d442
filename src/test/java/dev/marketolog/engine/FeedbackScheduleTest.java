package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.FeedbackStore.SentComment;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeedbackScheduleTest {

    private static final Instant SENT = Instant.parse("2026-12-01T09:00:00Z");
    private final VirtualClock clock = new VirtualClock(SENT);

    private static SentComment sent(long id, Instant at, Optional<Instant> askedAt) {
        return new SentComment(id, new OurComment(new PostKey(-1001, id), -2001, 100 + id), at, askedAt);
    }

    private void advance(Duration by) {
        clock.runUntil(clock.instant().plus(by));
    }

    @Test
    void aCommentIsFirstDueAnHourAfterItWasSent() {
        SentComment comment = sent(1, SENT, Optional.empty());

        advance(Duration.ofMinutes(59));
        assertThat(FeedbackSchedule.due(List.of(comment), clock.instant())).isEmpty();
        advance(Duration.ofMinutes(1));
        assertThat(FeedbackSchedule.due(List.of(comment), clock.instant())).containsExactly(comment);
    }

    @Test
    void eachReadMakesItDueAtTheNextStepAndAfterTheLastNeverAgain() {
        Optional<Instant> asked = Optional.empty();
        int reads = 0;
        // a round every 10 minutes for eight days
        for (int round = 0; round < 8 * 24 * 6; round++) {
            advance(Duration.ofMinutes(10));
            SentComment comment = sent(1, SENT, asked);
            if (!FeedbackSchedule.due(List.of(comment), clock.instant()).isEmpty()) {
                asked = Optional.of(clock.instant());
                reads++;
                assertThat(Duration.between(SENT, clock.instant())).isIn(
                        Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72));
            }
        }
        assertThat(reads).isEqualTo(4);
        assertThat(FeedbackSchedule.nextRead(sent(1, SENT, asked))).isEmpty();
    }

    @Test
    void aCommentAskedForLateIsAskedOnceForTheStepsItMissed() {
        SentComment neverAsked = sent(1, SENT, Optional.empty());
        advance(Duration.ofHours(30));
        assertThat(FeedbackSchedule.due(List.of(neverAsked), clock.instant())).containsExactly(neverAsked);

        SentComment askedLate = sent(1, SENT, Optional.of(clock.instant()));

        assertThat(FeedbackSchedule.nextRead(askedLate)).contains(SENT.plus(Duration.ofHours(72)));
        assertThat(FeedbackSchedule.due(List.of(askedLate), clock.instant())).isEmpty();
    }

    @Test
    void aRoundTakesAFewLongestDueFirst() {
        advance(Duration.ofHours(2));
        // sent a minute apart, the oldest first due; and one not yet due
        List<SentComment> comments = LongStream.rangeClosed(1, 8)
                .mapToObj(id -> sent(id, SENT.plus(Duration.ofMinutes(8 - id)), Optional.empty())).toList();
        SentComment tooNew = sent(9, clock.instant().minus(Duration.ofMinutes(30)), Optional.empty());

        List<SentComment> due = FeedbackSchedule.due(Stream.concat(comments.stream(), Stream.of(tooNew)).toList(), clock.instant());

        assertThat(due).hasSize(FeedbackSchedule.PER_ROUND)
                .extracting(SentComment::id).containsExactly(8L, 7L, 6L, 5L, 4L);
    }
}
