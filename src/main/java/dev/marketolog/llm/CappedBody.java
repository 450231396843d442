package dev.marketolog.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as UTF-8 text (JSON's encoding) up to a limit: one byte more cancels the exchange, which closes
 * the connection, and fails the body with {@link TooLarge}. A server sending an endless body costs the limit, not the heap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    /** The body went past the limit; nothing more of it was read. */
    static final class TooLarge extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(int limit, int status) {
            super("the answer is longer than " + limit + " bytes", null);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final int limit;
    private final int status;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int limit, int status) {
        this.limit = limit;
        this.status = status;
    }

    /** A body handler reading at most {@code limit} bytes of any response. */
    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new CappedBody(limit, info.statusCode());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + buffer.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit, status));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }
}
