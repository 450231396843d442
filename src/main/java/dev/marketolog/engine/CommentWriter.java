package dev.marketolog.engine;

/** Writes the text of one comment for one account; the LLM writer implements it, simulate has a placeholder. */
public interface CommentWriter {
    WriteResult write(CommentRequest request);
}
