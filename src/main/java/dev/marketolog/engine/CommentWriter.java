package dev.marketolog.engine;

/** Writes the text of one comment for one account; the LLM writer implements it, simulate has a placeholder. */
@FunctionalInterface
public interface CommentWriter {
    WriteResult write(CommentRequest request);

    /**
     * Checks an operator's text for the request's post by the rules a written draft passes (the LLM writer's
     * {@code CommentPolish}), without writing anything. A writer without such rules (simulate's placeholder) takes any
     * text as given.
     */
    default Revision revise(CommentRequest request, String text) {
        return new Revision.Accepted(text);
    }
}
