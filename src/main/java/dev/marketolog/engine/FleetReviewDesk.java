package dev.marketolog.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@link ReviewDesk} over the fleet's accounts: decisions go to the {@link ReviewStore}, and the account's runner
 * in this process is woken to act on them at once (one in another instance sees them at its next poll). Edits and new
 * drafts go through the account's own writer, so an operator's text meets the same rules as the LLM's.
 */
final class FleetReviewDesk implements ReviewDesk {

    private final ReviewStore store;
    private final EngineClock clock;
    private final Function<String, Optional<AccountRunner>> runners;

    FleetReviewDesk(ReviewStore store, EngineClock clock, Function<String, Optional<AccountRunner>> runners) {
        this.store = store;
        this.clock = clock;
        this.runners = runners;
    }

    @Override
    public List<ReviewItem> pending() {
        return store.pending();
    }

    @Override
    public Optional<ReviewItem> item(long id) {
        return store.item(id);
    }

    @Override
    public List<ReviewEvent> history(long id) {
        return store.history(id);
    }

    @Override
    public ReviewAnswer approve(long id, Operator by) {
        return decide(id, item -> store.approve(id, by, clock.instant()));
    }

    @Override
    public ReviewAnswer edit(long id, String text, Operator by) {
        return withRunner(id, (item, runner) -> switch (runner.revise(item, text == null ? "" : text)) {
            case Revision.Rejected(List<String> reasons) -> new ReviewAnswer.Refused(reasons);
            case Revision.Cleaned(String cleaned, List<String> fixes) -> new ReviewAnswer.ConfirmCleaned(cleaned, fixes);
            case Revision.Accepted(String accepted) ->
                    decide(id, pending -> store.replace(id, accepted, ReviewEvent.Kind.EDITED, by, clock.instant()));
        });
    }

    @Override
    public ReviewAnswer regenerate(long id, Operator by) {
        return withRunner(id, (item, runner) -> switch (runner.rewrite(item, earlierTexts(id))) {
            case WriteResult.Written(String text, int calls) ->
                    decide(id, pending -> store.replace(id, text, ReviewEvent.Kind.REGENERATED, by, clock.instant()));
            case WriteResult.Declined(List<String> reasons, int calls) ->
                    new ReviewAnswer.Unavailable("declined: " + String.join(", ", reasons));
            case WriteResult.Unavailable(String reason, int calls) -> new ReviewAnswer.Unavailable(reason);
        });
    }

    /**
     * What needs the account's runner (its writer and polish): done when the item is pending and its account runs in
     * this process; otherwise answered as closed, not found, or run elsewhere.
     */
    private ReviewAnswer withRunner(long id, BiFunction<ReviewItem, AccountRunner, ReviewAnswer> action) {
        Optional<ReviewItem> found = store.item(id);
        if (found.isEmpty() || !found.get().state().pending()) {
            return decide(id, item -> false);
        }
        return runners.apply(found.get().account()).map(runner -> action.apply(found.get(), runner))
                .orElseGet(() -> notRunHere(found.get()));
    }

    @Override
    public ReviewAnswer reject(long id, Operator by) {
        ReviewAnswer answer = decide(id, item -> store.close(id, ReviewState.REJECTED, Optional.of(by), Optional.empty(), clock.instant()));
        if (answer instanceof ReviewAnswer.Done(ReviewItem item)) {
            runners.apply(item.account()).ifPresent(runner -> runner.rejected(item.post()));
        }
        return answer;
    }

    /** Makes the step when the item is pending, wakes its runner, and answers with the item as it stands after. */
    private ReviewAnswer decide(long id, Predicate<ReviewItem> step) {
        Optional<ReviewItem> before = store.item(id);
        if (before.isEmpty()) {
            return new ReviewAnswer.NotFound(id);
        }
        boolean done = before.get().state().pending() && step.test(before.get());
        ReviewItem after = store.item(id).orElseThrow();
        if (!done) {
            return new ReviewAnswer.Closed(after);
        }
        runners.apply(after.account()).ifPresent(AccountRunner::reviewed);
        return new ReviewAnswer.Done(after);
    }

    /** Every text the draft has had, so a new one is not a near copy of any. */
    private List<String> earlierTexts(long id) {
        List<String> texts = new ArrayList<>();
        for (ReviewEvent event : store.history(id)) {
            event.text().ifPresent(texts::add);
        }
        return texts;
    }

    private static ReviewAnswer notRunHere(ReviewItem item) {
        return new ReviewAnswer.Unavailable("account " + item.account() + " is not configured in this process");
    }
}
