package dev.marketolog.engine;

import dev.marketolog.engine.FeedbackStore.SentComment;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When our comments are read back: about {@link #STEPS} after each was sent, then never again. Reactions and replies
 * come mostly in the first hours; the later reads catch the slow ones. A comment asked for late (the account was
 * stopped) is asked once for the steps it missed, not once per step.
 */
final class FeedbackSchedule {

    static final List<Duration> STEPS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72));
    /** How far back the comments are looked at: past the last step, with room for an account stopped for days. */
    static final Duration WINDOW = Duration.ofDays(7);
    /** At most this many comments a round (about two reads each): the account's read budget stays for its own work. */
    static final int PER_ROUND = 5;

    private FeedbackSchedule() {}

    /** When the comment is next due: the first step after its last asking (after sending when never asked); empty when done. */
    static Optional<Instant> nextRead(SentComment comment) {
        Duration askedAge = comment.askedAt().map(at -> Duration.between(comment.sentAt(), at)).orElse(Duration.ofNanos(-1));
        return STEPS.stream().filter(step -> step.compareTo(askedAge) > 0).findFirst().map(comment.sentAt()::plus);
    }

    /** The comments due at {@code now}, longest due first, at most {@link #PER_ROUND}. */
    static List<SentComment> due(List<SentComment> comments, Instant now) {
        record Due(SentComment comment, Instant at) {}
        return comments.stream()
                .flatMap(comment -> nextRead(comment).filter(at -> !at.isAfter(now)).map(at -> new Due(comment, at)).stream())
                .sorted(Comparator.comparing(Due::at).thenComparing(due -> due.comment().id()))
                .limit(PER_ROUND)
                .map(Due::comment)
                .toList();
    }
}
