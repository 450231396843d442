package dev.marketolog.cli.simulate;

import dev.marketolog.engine.CommentRequest;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.Revision;
import dev.marketolog.engine.WriteResult;
import java.util.concurrent.atomic.AtomicLong;

/** Passes requests to a writer and adds up the LLM calls its answers report. */
final class CountingWriter implements CommentWriter {

    private final CommentWriter writer;
    private final AtomicLong llmCalls;

    /** @param llmCalls shared by the writers of all accounts */
    CountingWriter(CommentWriter writer, AtomicLong llmCalls) {
        this.writer = writer;
        this.llmCalls = llmCalls;
    }

    @Override
    public WriteResult write(CommentRequest request) {
        WriteResult result = writer.write(request);
        llmCalls.addAndGet(switch (result) {
            case WriteResult.Written written -> written.llmCalls();
            case WriteResult.Declined declined -> declined.llmCalls();
            case WriteResult.Unavailable unavailable -> unavailable.llmCalls();
        });
        return result;
    }

    @Override
    public Revision revise(CommentRequest request, String text) {
        return writer.revise(request, text);
    }
}
