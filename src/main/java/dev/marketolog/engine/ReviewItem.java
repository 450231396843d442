package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A draft in the review queue, named by its journal row's id.
 *
 * @param channelTitle the channel's title, as the writer saw it
 * @param post the post, as the writer saw it
 * @param commentsUnder the comments under the post the writer saw (a regenerated draft is written against them again)
 * @param originalText the text the writer first wrote
 * @param text the text that would go now (edited or regenerated since, perhaps)
 * @param expiresAt when it expires unless sent: REVIEW_TIMEOUT_MINUTES after it was written, never past the post's freshness
 * @param blockedBy why it could not go when the engine last asked the gate (empty: it could)
 * @param couldGoAt when the gate said it could go, where it said
 * @param approvedBy who approved it, once someone did
 */
public record ReviewItem(
        long id,
        String account,
        String channelTitle,
        Post post,
        Branch branch,
        List<String> commentsUnder,
        ReviewState state,
        String originalText,
        String text,
        Instant createdAt,
        Instant expiresAt,
        Optional<SkipReason> blockedBy,
        Optional<Instant> couldGoAt,
        Optional<Operator> approvedBy) {

    public ReviewItem {
        commentsUnder = List.copyOf(commentsUnder);
    }
}
