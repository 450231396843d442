package dev.marketolog.llm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of any OpenAI-compatible server ({@code /chat/completions}, {@code /models}) built on
 * {@code java.net.http}. It never throws for anything the server or the network does: every call ends in a
 * {@link ChatOutcome} or {@link ModelsOutcome}. Create one per process: its limiter bounds the requests in
 * flight for the whole process to LLM_MAX_CONCURRENCY; a request waiting out its backoff does not hold a slot.
 */
public final class LlmClient {
    private static final Logger log = LoggerFactory.getLogger(LlmClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_MESSAGE_CHARS = 300;
    /** Russian runs at about 2.5 characters a token with the common tokenizers; the pessimistic end of that. */
    private static final double CHARS_PER_TOKEN = 2.5;
    /** Room for a reasoning model's {@code <think>} block before the answer; a plain model stops long before. */
    private static final int THINKING_HEADROOM_TOKENS = 1024;
    /**
     * Bytes of response body a completion token may take: a token of up to five characters, each escaped as
     * {@code \\uXXXX} (six bytes; servers that escape non-ASCII do so for every Cyrillic letter), and some to spare.
     */
    private static final int BODY_BYTES_PER_TOKEN = 32;
    /** The JSON around the text (ids, usage, a reasoning field, an error's detail), generously. */
    private static final int BODY_ENVELOPE_BYTES = 64 * 1024;
    /** A model list may be long (OpenRouter lists hundreds of models, with descriptions, in about a megabyte). */
    private static final int MODELS_BODY_LIMIT = 16 * 1024 * 1024;

    private final HttpClient http;
    private final Semaphore inFlight;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final LlmMetrics metrics;

    /** A client with real time, the standard backoff and its own HTTP/1.1 connection pool. */
    public LlmClient(int maxConcurrency, LlmMetrics metrics) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build(),
                maxConcurrency, Backoff.standard(), Sleeper.REAL, InstantSource.system(), metrics);
    }

    /** Everything passed in; tests give a {@link Sleeper} that does not wait. */
    public LlmClient(HttpClient http, int maxConcurrency, Backoff backoff, Sleeper sleeper, InstantSource clock, LlmMetrics metrics) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("LLM_MAX_CONCURRENCY must be at least 1, got " + maxConcurrency);
        }
        this.http = http;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The max_tokens bound for a comment of at most {@code maxLen} characters: twice the answer's tokens (room for
     * the wrapping polish strips) plus headroom for a reasoning model's thoughts.
     */
    static int maxTokens(int maxLen) {
        return (int) Math.ceil(maxLen / CHARS_PER_TOKEN) * 2 + THINKING_HEADROOM_TOKENS;
    }

    /**
     * The most bytes of a completion's body read before the request fails as malformed:
     * {@code 64 KiB + 32 × max_tokens} (about 100 KiB at the default LLM_MAX_LEN of 220, 200 KiB at 4096).
     */
    static int maxBodyBytes(int maxTokens) {
        return BODY_ENVELOPE_BYTES + BODY_BYTES_PER_TOKEN * maxTokens;
    }

    /** Asks for one chat completion, retrying what deserves a retry, at most LLM_MAX_RETRIES times. */
    public ChatOutcome complete(LlmSettings settings, List<ChatMessage> messages) {
        byte[] body = chatBody(settings, messages);
        HttpRequest request = request(settings, "chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int bodyLimit = maxBodyBytes(maxTokens(settings.maxLen()));
        for (int retry = 0; ; retry++) {
            Attempt<ChatOutcome.Completed> attempt =
                    exchange(request, settings.timeout(), bodyLimit, settings.apiKey(), LlmClient::parseCompletion);
            if (attempt instanceof Attempt.Answer<ChatOutcome.Completed>(ChatOutcome.Completed completed)) {
                completed.usage().ifPresent(metrics::usage);
                if (completed.truncated()) {
                    log.info("LLM answer was cut by max_tokens ({}); polish trims it", maxTokens(settings.maxLen()));
                }
                return completed;
            }
            var failed = (Attempt.Failure<ChatOutcome.Completed>) attempt;
            LlmFailure failure = failed.failure();
            if (!failure.kind().retryable() || retry >= settings.maxRetries()) {
                return failure;
            }
            Optional<Duration> wait = backoff.delay(retry, failed.retryAfter());
            if (wait.isEmpty()) {
                return failure;
            }
            log.info("LLM request failed ({}), retry {} of {} in {} ms", failure.describe(), retry + 1, settings.maxRetries(), wait.get().toMillis());
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LlmFailure(FailureKind.INTERRUPTED, 0, "interrupted while waiting to retry");
            }
        }
    }

    /** Lists the server's models with one request and no retries: a cheap check that the endpoint and key work. */
    public ModelsOutcome models(LlmSettings settings) {
        HttpRequest request = request(settings, "models").GET().build();
        return switch (exchange(request, settings.timeout(), MODELS_BODY_LIMIT, settings.apiKey(), LlmClient::parseModels)) {
            case Attempt.Answer<ModelsOutcome.Listed>(ModelsOutcome.Listed listed) -> listed;
            case Attempt.Failure<ModelsOutcome.Listed>(LlmFailure failure, Optional<Duration> ignored) -> failure;
        };
    }

    /** One HTTP exchange: the parsed answer, or a failure with the wait the server asked for. */
    private sealed interface Attempt<T> {
        record Answer<T>(T value) implements Attempt<T> {}

        record Failure<T>(LlmFailure failure, Optional<Duration> retryAfter) implements Attempt<T> {}
    }

    /** One HTTP exchange under the concurrency limit, measured and counted. */
    private <T> Attempt<T> exchange(HttpRequest request, Duration timeout, int bodyLimit, Secret apiKey,
            BiFunction<Integer, JsonNode, Attempt<T>> parser) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(FailureKind.INTERRUPTED, 0, "interrupted while waiting for a free LLM slot");
        }
        long started = System.nanoTime();
        Attempt<T> attempt;
        try {
            attempt = send(request, timeout, bodyLimit, apiKey, parser);
        } finally {
            inFlight.release();
        }
        String outcome = attempt instanceof Attempt.Failure<T> failure ? failure.failure().kind().code() : "ok";
        metrics.request(outcome, Duration.ofNanos(System.nanoTime() - started));
        return attempt;
    }

    private <T> Attempt<T> send(HttpRequest request, Duration timeout, int bodyLimit, Secret apiKey,
            BiFunction<Integer, JsonNode, Attempt<T>> parser) {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, CappedBody.handler(bodyLimit));
        HttpResponse<String> response;
        try {
            // The request timeout covers only the wait for headers; this covers a body that trickles.
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return failed(FailureKind.INTERRUPTED, 0, "interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return timedOut(timeout);
            }
            for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
                if (inner instanceof CappedBody.TooLarge tooLarge) {
                    return failed(FailureKind.MALFORMED, tooLarge.status(), tooLarge.getMessage());
                }
            }
            return failed(FailureKind.CONNECTION, 0, describe(cause, apiKey));
        }
        return interpret(response, apiKey, parser);
    }

    private <T> Attempt<T> interpret(HttpResponse<String> response, Secret apiKey, BiFunction<Integer, JsonNode, Attempt<T>> parser) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status / 100 == 2) {
            try {
                return parser.apply(status, JSON.readTree(body));
            } catch (JacksonException e) {
                return failed(FailureKind.MALFORMED, status, "the answer is not JSON: " + clean(e.getOriginalMessage(), apiKey));
            }
        }
        FailureKind kind = status == 429 ? FailureKind.RATE_LIMITED : status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.CLIENT_ERROR;
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant());
        return new Attempt.Failure<>(new LlmFailure(kind, status, errorMessage(body, apiKey)), retryAfter);
    }

    private static <T> Attempt<T> failed(FailureKind kind, int status, String message) {
        return new Attempt.Failure<>(new LlmFailure(kind, status, message), Optional.empty());
    }

    private static <T> Attempt<T> timedOut(Duration timeout) {
        return failed(FailureKind.TIMEOUT, 0, "no answer within " + timeout.toMillis() + " ms");
    }

    private static Attempt<ChatOutcome.Completed> parseCompletion(int status, JsonNode root) {
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return failed(FailureKind.MALFORMED, status, "the answer has no choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            return failed(FailureKind.MALFORMED, status, "the first choice has no message content");
        }
        JsonNode usage = root.path("usage");
        Optional<Usage> tokens = usage.isObject()
                ? Optional.of(new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)))
                : Optional.empty();
        return new Attempt.Answer<>(new ChatOutcome.Completed(content.asText(), tokens, choice.path("finish_reason").asText("")));
    }

    private static Attempt<ModelsOutcome.Listed> parseModels(int status, JsonNode root) {
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            return failed(FailureKind.MALFORMED, status, "the answer has no data list");
        }
        List<String> ids = new ArrayList<>();
        data.forEach(model -> ids.add(model.path("id").asText("")));
        return new Attempt.Answer<>(new ModelsOutcome.Listed(ids));
    }

    /** The message of an error body: OpenAI's {@code {"error":{"message":..}}}, vLLM's {@code {"message":..}}, FastAPI's {@code {"detail":..}}, or the text itself. */
    private static String errorMessage(String body, Secret apiKey) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            String message = error.isObject() ? error.path("message").asText("")
                    : error.isTextual() ? error.asText()
                    : root.path("message").isTextual() ? root.path("message").asText()
                    : root.path("detail").asText("");
            if (error.isObject()) {
                String type = error.path("type").asText("");
                String code = error.path("code").isNull() ? "" : error.path("code").asText("");
                String detail = String.join(", ", List.of(type, code).stream().filter(s -> !s.isBlank()).toList());
                message = detail.isEmpty() ? message : message + " (" + detail + ")";
            }
            return clean(message.isBlank() ? body : message, apiKey);
        } catch (JacksonException | RuntimeException e) {
            return clean(body, apiKey);
        }
    }

    private static String describe(Throwable cause, Secret apiKey) {
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return clean(cause.getClass().getSimpleName() + message, apiKey);
    }

    /** One line, bounded, and never the API key even if a server echoes it whole or cut short. */
    private static String clean(String text, Secret apiKey) {
        String line = apiKey.hideIn(text == null ? "" : text).replaceAll("\\s+", " ").strip();
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "…" : line;
    }

    /** A request to {@code path} under the base URL, with the timeout, the JSON Accept header and the key. */
    private static HttpRequest.Builder request(LlmSettings settings, String path) {
        String base = settings.baseUrl().toString();
        return HttpRequest.newBuilder(URI.create(base.endsWith("/") ? base + path : base + "/" + path))
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + settings.apiKey().reveal());
    }

    private static byte[] chatBody(LlmSettings settings, List<ChatMessage> messages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        var list = body.putArray("messages");
        for (ChatMessage message : messages) {
            list.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put("temperature", settings.temperature());
        body.put("top_p", settings.topP());
        body.put("frequency_penalty", settings.frequencyPenalty());
        body.put("presence_penalty", settings.presencePenalty());
        body.put("max_tokens", maxTokens(settings.maxLen()));
        body.put("stream", false);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
