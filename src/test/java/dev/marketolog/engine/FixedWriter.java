package dev.marketolog.engine;

import java.util.ArrayList;
import java.util.List;

/** A comment writer for the engine's tests: writes "comment on N" unless told to decline or be unavailable. */
final class FixedWriter implements CommentWriter {

    private final WriteResult answer;
    final List<CommentRequest> requests = new ArrayList<>();

    static FixedWriter writing() {
        return new FixedWriter(null);
    }

    static FixedWriter answering(WriteResult answer) {
        return new FixedWriter(answer);
    }

    private FixedWriter(WriteResult answer) {
        this.answer = answer;
    }

    @Override
    public WriteResult write(CommentRequest request) {
        requests.add(request);
        return answer != null ? answer : new WriteResult.Written("comment on " + request.post().messageId(), 1);
    }
}
