package dev.marketolog.telegram.tdlib;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meets TDLib's answers with their requests and hands updates to their client. Every request carries a unique
 * {@code @extra}; its answer completes the one future waiting for it, checked against {@code @client_id}. Updates go
 * to the handler of their {@code @client_id}; a handler that throws is logged and the next message is routed as usual.
 */
public final class TdRouter {

    private static final Logger LOG = LoggerFactory.getLogger(TdRouter.class);

    /** An answer as TDLib sent it: its {@code @type} and the whole JSON, decoded by whoever waits for it. */
    public record Answer(String type, String json) {}

    private record Pending(int clientId, CompletableFuture<Answer> answer) {}

    private final TdJsonMapper json = TdJsonMapper.get();
    private final AtomicLong nextExtra = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Consumer<TdUpdate>> handlers = new ConcurrentHashMap<>();

    /** Registers where the updates of {@code clientId} go. */
    public void register(int clientId, Consumer<TdUpdate> handler) {
        handlers.put(clientId, handler);
    }

    public void unregister(int clientId) {
        handlers.remove(clientId);
        pending.values().removeIf(p -> {
            if (p.clientId() != clientId) {
                return false;
            }
            p.answer().completeExceptionally(new TdClosedException("the TDLib client " + clientId + " was closed"));
            return true;
        });
    }

    /** Reserves an {@code @extra} and the future its answer will complete; {@link #forget} it once done. */
    public long expect(int clientId, CompletableFuture<Answer> answer) {
        long extra = nextExtra.getAndIncrement();
        pending.put(extra, new Pending(clientId, answer));
        return extra;
    }

    /** Stops waiting for the answer to {@code extra} (answered, timed out or cancelled). */
    public void forget(long extra) {
        pending.remove(extra);
    }

    /** Routes one JSON text from {@code td_receive}. Never throws: a bad message is logged and dropped. */
    public void route(String text) {
        TdJsonMapper.Envelope envelope;
        try {
            envelope = json.peek(text);
        } catch (RuntimeException e) {
            LOG.warn("dropped a TDLib message that is not JSON: {}", e.getMessage());
            return;
        }
        if (envelope.extra() != 0) {
            answer(envelope, text);
        } else {
            update(envelope, text);
        }
    }

    /** Requests still waiting for their answer. */
    public int pendingCount() {
        return pending.size();
    }

    private void answer(TdJsonMapper.Envelope envelope, String text) {
        Pending request = pending.get(envelope.extra());
        if (request == null || request.clientId() != envelope.clientId()) {
            LOG.debug("no request waits for answer {} of client {} (timed out or not ours)", envelope.extra(), envelope.clientId());
            return;
        }
        try {
            request.answer().complete(new Answer(envelope.type(), text));
        } catch (RuntimeException e) {
            LOG.error("completing the answer to {} failed; the receive loop goes on", envelope.extra(), e);
        }
    }

    private void update(TdJsonMapper.Envelope envelope, String text) {
        Consumer<TdUpdate> handler = handlers.get(envelope.clientId());
        if (handler == null) {
            return;
        }
        try {
            json.decodeUpdate(envelope.type(), text).ifPresent(handler);
        } catch (RuntimeException e) {
            LOG.error("handling {} of TDLib client {} failed; the receive loop goes on", envelope.type(), envelope.clientId(), e);
        }
    }
}
