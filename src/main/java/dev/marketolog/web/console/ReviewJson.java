package dev.marketolog.web.console;

import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewEvent;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.engine.SkipReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The review queue as {@code /api/v1/review} shows it: flat, with the snake_case codes the metrics and the journal use. */
final class ReviewJson {

    private ReviewJson() {}

    /** One draft; {@code blockedBy} and {@code couldGoAt} are the gate's latest word on it. */
    record Draft(long id, String account, long channelId, String channelTitle, long postId, Instant postPublishedAt, String postText,
            String branch, String state, String originalText, String text, Instant createdAt, Instant expiresAt,
            Optional<String> blockedBy, Optional<Instant> couldGoAt, Optional<String> approvedBy, Optional<String> approvedFrom) {

        static Draft of(ReviewItem item) {
            return new Draft(item.id(), item.account(), item.post().channelId(), item.channelTitle(), item.post().messageId(),
                    item.post().publishedAt(), item.post().text(), item.branch().code(), item.state().code(), item.originalText(),
                    item.text(), item.createdAt(), item.expiresAt(), item.blockedBy().map(SkipReason::code), item.couldGoAt(),
                    item.approvedBy().map(Operator::name), item.approvedBy().map(Operator::address));
        }
    }

    /** One step of a draft's history. */
    record Step(Instant at, String kind, Optional<String> text, Optional<String> by, Optional<String> from, Optional<String> note) {

        static Step of(ReviewEvent event) {
            return new Step(event.at(), event.kind().code(), event.text(), event.by().map(Operator::name),
                    event.by().map(Operator::address), event.note());
        }
    }

    record Queue(List<Draft> drafts) {
        static Queue of(List<ReviewItem> items) {
            return new Queue(items.stream().map(Draft::of).toList());
        }
    }

    record DraftWithHistory(Draft draft, List<Step> history) {
        static DraftWithHistory of(ReviewItem item, List<ReviewEvent> history) {
            return new DraftWithHistory(Draft.of(item), history.stream().map(Step::of).toList());
        }
    }
}
