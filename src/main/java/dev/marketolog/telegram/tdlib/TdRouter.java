package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.databind.JsonNode;
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

    private record Pending(int clientId, CompletableFuture<JsonNode> answer) {}

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
    public long expect(int clientId, CompletableFuture<JsonNode> answer) {
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
        JsonNode node;
        try {
            node = json.parse(text);
        } catch (RuntimeException e) {
            LOG.warn("dropped a TDLib message that is not JSON: {}", e.getMessage());
            return;
        }
        int clientId = node.path("@client_id").asInt(-1);
        JsonNode extra = node.get("@extra");
        if (extra != null && extra.canConvertToLong()) {
            answer(clientId, extra.asLong(), node);
        } else {
            update(clientId, node);
        }
    }

    /** Requests still waiting for their answer. */
    public int pendingCount() {
        return pending.size();
    }

    private void answer(int clientId, long extra, JsonNode node) {
        Pending request = pending.get(extra);
        if (request == null || request.clientId() != clientId) {
            LOG.debug("no request waits for answer {} of client {} (timed out or not ours)", extra, clientId);
            return;
        }
        request.answer().complete(node);
    }

    private void update(int clientId, JsonNode node) {
        String type = node.path("@type").asText();
        Consumer<TdUpdate> handler = handlers.get(clientId);
        if (handler == null || !json.isKnownUpdate(type)) {
            return;
        }
        try {
            json.decodeUpdate(node).ifPresent(handler);
        } catch (RuntimeException e) {
            LOG.error("handling {} of TDLib client {} failed; the receive loop goes on", type, clientId, e);
        }
    }
}
