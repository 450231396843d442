package dev.marketolog.web.console.panel;

import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewAnswer;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.web.console.ConsoleAuth;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The review page and its forms, through the same {@link ReviewDesk} the admin API calls. A decision answers with a
 * redirect back to the page (post/redirect/get), on the draft after the one decided (an approved draft stays listed
 * until it is sent); a refused or cleaned edit shows the page again with the text kept in its box.
 */
final class PanelReview {

    private final Supplier<PanelSources> sources;
    private final PanelPages pages;

    PanelReview(Supplier<PanelSources> sources, PanelPages pages) {
        this.sources = sources;
        this.pages = pages;
    }

    /** The page; {@code at} names the draft the keys start on, {@code after} the one before it (just decided). */
    void page(Context ctx, PanelSession session) {
        Optional<Long> at = Optional.ofNullable(ctx.queryParam("at")).flatMap(PanelReview::number)
                .or(() -> Optional.ofNullable(ctx.queryParam("after")).flatMap(PanelReview::number).map(id -> id + 1));
        render(ctx, session, at, Optional.ofNullable(ctx.queryParam("done")), Optional.empty(), Optional.empty());
    }

    void approve(Context ctx, PanelSession session) {
        long id = id(ctx);
        answer(ctx, id, desk().approve(id, operator(ctx)), "approved: it goes as soon as the account's limits allow", true);
    }

    void edit(Context ctx, PanelSession session) {
        long id = id(ctx);
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("");
        switch (desk().edit(id, text, operator(ctx))) {
            case ReviewAnswer.Refused(List<String> reasons) -> {
                ctx.status(HttpStatus.BAD_REQUEST);
                render(ctx, session, Optional.of(id), Optional.empty(), Optional.of(new ReviewPage.Refusal(id, text, reasons)),
                        Optional.empty());
            }
            case ReviewAnswer.ConfirmCleaned(String cleaned, List<String> fixes) -> {
                ctx.status(HttpStatus.CONFLICT);
                render(ctx, session, Optional.of(id), Optional.empty(), Optional.empty(),
                        Optional.of(new ReviewPage.Cleaned(id, cleaned, fixes)));
            }
            case ReviewAnswer answer -> answer(ctx, id, answer, "edited and approved", true);
        }
    }

    void regenerate(Context ctx, PanelSession session) {
        long id = id(ctx);
        answer(ctx, id, desk().regenerate(id, operator(ctx)), "a new draft is written: read it before approving", false);
    }

    void reject(Context ctx, PanelSession session) {
        long id = id(ctx);
        answer(ctx, id, desk().reject(id, operator(ctx)), "rejected: the account does not comment that post", true);
    }

    /** Back to the page with what the step came to, on the next draft when the step decided this one ({@code onward}). */
    private static void answer(Context ctx, long id, ReviewAnswer answer, String done, boolean onward) {
        String notice = switch (answer) {
            case ReviewAnswer.Done(ReviewItem item) -> "Draft " + item.id() + " " + done + ".";
            case ReviewAnswer.Closed(ReviewItem item) -> "Draft " + item.id() + " was " + item.state().code() + " already.";
            case ReviewAnswer.Unavailable(String reason) -> "No new draft for " + id + ": " + reason + ".";
            case ReviewAnswer.NotFound(long missing) -> throw new NotFoundResponse("no draft " + missing);
            // an edit's own answers are shown by edit(); no other step gives them
            case ReviewAnswer.Refused refused -> "The text of draft " + id + " cannot be sent: " + String.join(", ", refused.reasons()) + ".";
            case ReviewAnswer.ConfirmCleaned cleaned -> "Draft " + id + " would go only as cleaned.";
        };
        ctx.redirect("/review?" + (onward ? "after=" : "at=") + id + "&done=" + PanelFormat.query(notice), HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, PanelSession session, Optional<Long> at, Optional<String> notice,
            Optional<ReviewPage.Refusal> refusal, Optional<ReviewPage.Cleaned> cleaned) {
        List<ReviewItem> drafts = desk().pending();
        // the draft asked for, or the next one when it has left the queue
        Optional<Long> selected = at.flatMap(id -> drafts.stream().map(ReviewItem::id).filter(d -> d >= id).findFirst());
        pages.html(ctx, "review.jte", new ReviewPage(drafts, selected, notice, refusal, cleaned, session.csrfToken()));
    }

    private ReviewDesk desk() {
        return sources.get().reviews();
    }

    /** The panel's operator is whoever holds a session, known by the address the form came from. */
    private static Operator operator(Context ctx) {
        return new Operator("panel", ConsoleAuth.clientAddress(ctx));
    }

    private static long id(Context ctx) {
        return number(ctx.pathParam("id")).orElseThrow(() -> new BadRequestResponse("the draft must be a number"));
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
