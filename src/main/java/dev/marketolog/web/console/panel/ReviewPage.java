package dev.marketolog.web.console.panel;

import dev.marketolog.engine.ReviewItem;
import java.util.List;
import java.util.Optional;

/**
 * The review page: the waiting drafts, which one the keyboard starts on, and what the last step said (a notice, the
 * reasons an edit was refused, or the cleaned text an edit would go as, for the operator to confirm).
 */
public record ReviewPage(List<ReviewItem> drafts, Optional<Long> selected, Optional<String> notice, Optional<Refusal> refusal,
        Optional<Cleaned> cleaned, String csrf) {

    public ReviewPage {
        drafts = List.copyOf(drafts);
    }

    /** An edit of draft {@code id} that cannot be sent, and why. */
    public record Refusal(long id, String text, List<String> reasons) {}

    /** An edit of draft {@code id} that would go only as {@code text}; sending it again confirms it. */
    public record Cleaned(long id, String text, List<String> fixes) {}

    public boolean isSelected(ReviewItem draft) {
        return selected.map(id -> id == draft.id()).orElse(false);
    }

    /** The text the draft's edit box holds: the refused or cleaned text of the last edit, else the draft's own. */
    public String editText(ReviewItem draft) {
        return cleaned.filter(c -> c.id() == draft.id()).map(Cleaned::text)
                .or(() -> refusal.filter(r -> r.id() == draft.id()).map(Refusal::text))
                .orElse(draft.text());
    }
}
