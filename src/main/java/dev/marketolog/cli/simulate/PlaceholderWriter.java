package dev.marketolog.cli.simulate;

import dev.marketolog.engine.CommentRequest;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.WriteResult;

/** The writer of {@code simulate} without {@code --llm}: a text that says it is simulated and which post it is for. */
public final class PlaceholderWriter implements CommentWriter {

    /** Every placeholder text starts with this, so no one mistakes it for a real comment. */
    public static final String MARK = "[симуляция]";

    @Override
    public WriteResult write(CommentRequest request) {
        return new WriteResult.Written(MARK + " комментарий к посту " + request.post().messageId(), 0);
    }
}
