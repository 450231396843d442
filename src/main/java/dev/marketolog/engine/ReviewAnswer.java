package dev.marketolog.engine;

import java.util.List;

/** What a {@link ReviewDesk} step came to. */
public sealed interface ReviewAnswer {

    /** Done; {@code item} as it stands after the step (an approved one goes when the gate allows). */
    record Done(ReviewItem item) implements ReviewAnswer {}

    /** No draft has this id. */
    record NotFound(long id) implements ReviewAnswer {}

    /** The draft was already sent, rejected or expired; nothing changed. */
    record Closed(ReviewItem item) implements ReviewAnswer {}

    /** The edited text cannot be sent ({@code reasons}: snake_case codes, such as {@code link} in strict mode); nothing changed. */
    record Refused(List<String> reasons) implements ReviewAnswer {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The edited text would go only as {@code cleaned} ({@code fixes}: what was changed); nothing changed: editing to
     * exactly {@code cleaned} confirms it.
     */
    record ConfirmCleaned(String cleaned, List<String> fixes) implements ReviewAnswer {
        public ConfirmCleaned {
            fixes = List.copyOf(fixes);
        }
    }

    /** No new draft: the writer declined or could not be reached ({@code reason}), or the account is not run here; the old draft stays. */
    record Unavailable(String reason) implements ReviewAnswer {}
}
