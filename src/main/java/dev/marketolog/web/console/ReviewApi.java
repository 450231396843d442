package dev.marketolog.web.console;

import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewAnswer;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.web.WebModule;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review queue under {@code /api/v1/review} (REVIEW_MODE), behind the admin API's bearer check: the waiting
 * drafts, one draft with its history, and an operator's decisions. A decision is only recorded here: the engine sends
 * an approved draft when its whole gate allows ({@link ReviewDesk}).
 */
public final class ReviewApi implements WebModule {

    static final String PATH = AdminApi.PREFIX + "/review";

    private volatile Optional<ReviewDesk> desk = Optional.empty();

    /** From now on the routes answer from {@code desk}; until then 503. */
    public void serve(ReviewDesk desk) {
        this.desk = Optional.of(desk);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.routes.get(PATH, ctx -> ctx.json(ReviewJson.Queue.of(started().pending())));
        config.routes.get(PATH + "/{id}", this::draft);
        config.routes.post(PATH + "/{id}/approve", ctx -> answer(ctx, started().approve(id(ctx), operator(ctx))));
        config.routes.post(PATH + "/{id}/edit", ctx -> answer(ctx, started().edit(id(ctx), text(ctx), operator(ctx))));
        config.routes.post(PATH + "/{id}/regenerate", ctx -> answer(ctx, started().regenerate(id(ctx), operator(ctx))));
        config.routes.post(PATH + "/{id}/reject", ctx -> answer(ctx, started().reject(id(ctx), operator(ctx))));
    }

    private void draft(Context ctx) {
        long id = id(ctx);
        ReviewItem item = started().item(id).orElseThrow(() -> ApiException.notFound("no draft " + id));
        ctx.json(ReviewJson.DraftWithHistory.of(item, started().history(id)));
    }

    /**
     * 200 with the draft after the step; 404 no such draft; 409 already decided, or (with {@code cleaned}) the text
     * would go only as cleaned, which a second edit with exactly it confirms; 422 the text cannot be sent, or the writer
     * gave no new draft.
     */
    private static void answer(Context ctx, ReviewAnswer answer) {
        switch (answer) {
            case ReviewAnswer.Done(ReviewItem item) -> ctx.json(ReviewJson.Draft.of(item));
            case ReviewAnswer.NotFound(long id) -> throw ApiException.notFound("no draft " + id);
            case ReviewAnswer.Closed(ReviewItem item) ->
                    throw new ApiException(HttpStatus.CONFLICT, "draft " + item.id() + " is " + item.state().code() + " already");
            case ReviewAnswer.ConfirmCleaned(String cleaned, List<String> fixes) -> ctx.status(HttpStatus.CONFLICT).json(Map.of(
                    "error", "the text would be sent only as cleaned: edit again with exactly the cleaned text to confirm it",
                    "cleaned", cleaned, "fixes", fixes));
            case ReviewAnswer.Refused(List<String> reasons) -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "the text cannot be sent", reasons.stream().map(r -> new ApiProblem("text", "", r)).toList(), Map.of());
            case ReviewAnswer.Unavailable(String reason) -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, reason);
        }
    }

    private ReviewDesk started() {
        return desk.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "starting"));
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badField("id", raw, "a draft's number");
        }
    }

    /** An edit's body. */
    private record Edit(String text) {}

    /** The edited text: {@code {"text": "..."}}. */
    private static String text(Context ctx) {
        Edit edit;
        try {
            edit = ctx.bodyAsClass(Edit.class);
        } catch (Exception e) { // Jackson's own exceptions come through unchecked
            throw ApiException.badField("body", "", "JSON {\"text\": \"...\"}");
        }
        if (edit == null || edit.text() == null || edit.text().isBlank()) {
            throw ApiException.badField("text", "", "the comment's new text");
        }
        return edit.text();
    }

    /** The API's operator is the admin token's holder, known by the address the request came from. */
    private static Operator operator(Context ctx) {
        return new Operator("api", ConsoleAuth.clientAddress(ctx));
    }
}
