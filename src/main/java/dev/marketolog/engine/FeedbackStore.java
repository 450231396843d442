package dev.marketolog.engine;

import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What our accounts read back of their comments (reactions, replies), for the channel analytics. Implementations are thread-safe. */
public interface FeedbackStore {

    /** The account's comments sent at or after {@code since} and not deleted, each with when it was last asked for. */
    List<SentComment> sentSince(String account, Instant since);

    /**
     * Stores one round: every comment of {@code asked} was asked for at {@code at}; those in {@code read} answered with
     * these counts, which replace what an earlier read found. The others keep their earlier counts.
     */
    void record(List<Long> asked, Map<Long, CommentFeedback> read, Instant at);

    /**
     * One of our sent comments as the journal knows it.
     *
     * @param id      its journal row
     * @param askedAt when it was last asked for, read or not; empty when never
     */
    record SentComment(long id, OurComment comment, Instant sentAt, Optional<Instant> askedAt) {
        public SentComment {
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(askedAt, "askedAt");
        }
    }
}
