package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for libtdjson: records what is sent, and {@code td_receive} returns what the test scripts. */
public final class ScriptedTransport implements TdTransport {

    /** One request as TDLib would have received it. */
    public record Sent(int clientId, JsonNode request) {
        public String type() {
            return request.path("@type").asText();
        }

        public long extra() {
            return request.path("@extra").asLong();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger nextClientId = new AtomicInteger(1);
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> toReceive = new LinkedBlockingQueue<>();

    @Override
    public int createClientId() {
        return nextClientId.getAndIncrement();
    }

    @Override
    public void send(int clientId, String request) {
        try {
            sent.add(new Sent(clientId, JSON.readTree(request)));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the client sent JSON that does not parse: " + request, e);
        }
    }

    @Override
    public String receive(double timeoutSeconds) {
        try {
            return toReceive.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public String execute(String request) {
        throw new UnsupportedOperationException("the scripted transport runs no synchronous requests");
    }

    /** Makes {@code td_receive} return this JSON next (after what is already queued). */
    public void receive(String json) {
        toReceive.add(json);
    }

    /** The answer TDLib gives to {@code request}: {@code json} with its {@code @extra} and {@code @client_id}. */
    public void answer(Sent request, String json) {
        receive(json.substring(0, json.lastIndexOf('}')) + ",\"@extra\":" + request.extra() + ",\"@client_id\":"
                + request.clientId() + "}");
    }

    /** An update for {@code clientId}. */
    public void update(int clientId, String json) {
        receive(json.substring(0, json.lastIndexOf('}')) + ",\"@client_id\":" + clientId + "}");
    }

    /** The next request sent, waiting up to 60 s for it. */
    public Sent nextSent() {
        try {
            Sent next = sent.poll(60, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no request was sent within 60 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next request of {@code type}, skipping others. */
    public Sent nextSent(String type) {
        while (true) {
            Sent next = nextSent();
            if (next.type().equals(type)) {
                return next;
            }
        }
    }

    public BlockingQueue<Sent> sent() {
        return sent;
    }
}
