package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A stand-in for libtdjson: records what is sent, and {@code td_receive} returns what the test scripts. */
public final class ScriptedTransport extends QueuedTransport {

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

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

    @Override
    public void send(int clientId, String request) {
        try {
            sent.add(new Sent(clientId, JSON.readTree(request)));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the client sent JSON that does not parse: " + request, e);
        }
    }

    /** Makes {@code td_receive} return this JSON next (after what is already queued). */
    public void receive(String json) {
        deliver(json);
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
