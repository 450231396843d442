package dev.marketolog.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small OpenAI-compatible server for tests, on 127.0.0.1 and a free port. {@code POST /v1/chat/completions}
 * answers with the next {@link #enqueue queued} reply, else with the {@link #respondWith responder} (by default a
 * fixed Russian comment); {@code GET /v1/models} lists {@link #models}. Every request is recorded; the number in
 * flight at once is tracked. Requests are handled on virtual threads, so a delayed reply delays nobody else, and
 * {@link #close()} releases every delayed reply at once.
 */
public final class OpenAiTestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_PATH = "/v1/chat/completions";
    public static final String DEFAULT_ANSWER = "Интересный поворот, посмотрим, как это скажется на ценах уже этой осенью.";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<RecordedRequest, Reply> responder = request -> Reply.answer(DEFAULT_ANSWER);
    private volatile List<String> models = List.of("llama3.1:8b");
    private volatile Optional<Reply> modelsReply = Optional.empty();

    private OpenAiTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port. */
    public static OpenAiTestServer start() {
        try {
            return new OpenAiTestServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OpenAI test server", e);
        }
    }

    /** The OPENAI_BASE_URL to give the client: {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1");
    }

    /** Queues replies for the next chat requests, in order; after them the responder answers. */
    public OpenAiTestServer enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** Answers chat requests the queue does not cover, for example by the post text in the prompt. */
    public OpenAiTestServer respondWith(Function<RecordedRequest, Reply> responder) {
        this.responder = Objects.requireNonNull(responder);
        return this;
    }

    /** The model ids {@code GET /v1/models} lists. */
    public OpenAiTestServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** What {@code GET /v1/models} answers instead of the list, e.g. an error. */
    public OpenAiTestServer modelsReply(Reply reply) {
        this.modelsReply = Optional.of(reply);
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many chat completion requests arrived. */
    public int chatRequestCount() {
        return (int) requests.stream().filter(request -> request.path().equals(CHAT_PATH)).count();
    }

    /** The most requests that were being handled at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            RecordedRequest request = record(exchange);
            Reply reply = reply(request);
            if (!reply.delay().isZero() && closed.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            // the request leaves the count before the answer goes out: once the client has it, it may send the next one
            // at once, before this thread gets back here
            inFlight.decrementAndGet();
            counted = false;
            if (!reply.endlessFiller().isEmpty()) {
                sendEndlessly(exchange, reply.status(), body, reply.endlessFiller().getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int half = reply.bodyStall().isZero() ? body.length : body.length / 2;
                out.write(body, 0, half);
                out.flush();
                if (half < body.length && closed.await(reply.bodyStall().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                out.write(body, half, body.length - half);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout, cancel): nothing to answer
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** The body, then the filler again and again, chunked, until the client hangs up or the server closes. */
    private void sendEndlessly(HttpExchange exchange, int status, byte[] body, byte[] filler) throws IOException {
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            while (closed.getCount() > 0) {
                out.write(filler);
            }
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
        requests.add(request);
        return request;
    }

    private Reply reply(RecordedRequest request) {
        if (request.path().equals("/v1/models") && request.method().equals("GET")) {
            if (modelsReply.isPresent()) {
                return modelsReply.get();
            }
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            models.forEach(id -> list.withArray("data").addObject().put("id", id).put("object", "model").put("owned_by", "library"));
            return Reply.raw(200, list.toString());
        }
        if (!request.path().equals(CHAT_PATH) || !request.method().equals("POST")) {
            return Reply.error(404, "Not found: " + request.method() + " " + request.path(), "invalid_request_error", null);
        }
        Reply queued = queue.poll();
        return queued != null ? queued : responder.apply(request);
    }

    /**
     * One request as the server saw it.
     *
     * @param headers names in lower case
     */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {
        /** The body as JSON (a chat completion request). */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the request body is not JSON: " + body, e);
            }
        }

        /** The content of the message with this role (the last one when there are several). */
        public Optional<String> message(String role) {
            List<String> contents = new ArrayList<>();
            json().path("messages").forEach(m -> {
                if (role.equals(m.path("role").asText())) {
                    contents.add(m.path("content").asText());
                }
            });
            return contents.isEmpty() ? Optional.empty() : Optional.of(contents.getLast());
        }
    }

    /**
     * What the server answers to one request.
     *
     * @param delay how long it waits before answering (headers included)
     * @param bodyStall how long it waits after sending the headers and half of the body
     * @param endlessFiller sent again and again after the body until the client hangs up; empty for a body that ends
     */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay, Duration bodyStall, String endlessFiller) {
        public Reply {
            headers = Map.copyOf(headers);
        }

        public Reply(int status, Map<String, String> headers, String body, Duration delay, Duration bodyStall) {
            this(status, headers, body, delay, bodyStall, "");
        }

        /** A body that never ends: {@code start}, then {@code filler} forever (until the client hangs up). */
        public static Reply endless(String start, String filler) {
            return new Reply(200, Map.of(), start, Duration.ZERO, Duration.ZERO, filler);
        }

        /** A chat completion with this content, finish_reason {@code stop} and a usage block. */
        public static Reply answer(String content) {
            return completion(content, "stop", true);
        }

        /** A chat completion as OpenAI, Ollama and vLLM shape it. */
        public static Reply completion(String content, String finishReason, boolean withUsage) {
            ObjectNode root = JSON.createObjectNode()
                    .put("id", "chatcmpl-test")
                    .put("object", "chat.completion")
                    .put("created", 1_764_000_000L)
                    .put("model", "llama3.1:8b")
                    .put("system_fingerprint", "fp_ollama");
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", content);
            choice.put("finish_reason", finishReason);
            if (withUsage) {
                root.putObject("usage").put("prompt_tokens", 412).put("completion_tokens", 57).put("total_tokens", 469);
            }
            return raw(200, root.toString());
        }

        /** An OpenAI error body: {@code {"error":{"message":..,"type":..,"code":..}}}. */
        public static Reply error(int status, String message, String type, String code) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode error = root.putObject("error").put("message", message).put("type", type);
            if (code == null) {
                error.putNull("code");
            } else {
                error.put("code", code);
            }
            return raw(status, root.toString());
        }

        /** Any status and body, as given. */
        public static Reply raw(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, delay, bodyStall, endlessFiller);
        }

        public Reply delayedBy(Duration delay) {
            return new Reply(status, headers, body, delay, bodyStall, endlessFiller);
        }

        /** Sends the headers and half of the body at once, then waits this long before the rest. */
        public Reply withBodyStalledFor(Duration stall) {
            return new Reply(status, headers, body, delay, stall, endlessFiller);
        }
    }
}
