package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmClientTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final OpenAiTestServer server = OpenAiTestServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LlmSettings settings = TestLlmSettings.at(server.baseUrl());

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmClient client(int maxConcurrency) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), new SplittableRandom(7));
        return new LlmClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), maxConcurrency, backoff, sleeper,
                InstantSource.fixed(NOW), new LlmMetrics(registry));
    }

    private ChatOutcome ask(LlmSettings settings) {
        return client(2).complete(settings, List.of(ChatMessage.system("Ты читатель."), ChatMessage.user("Пост: цены растут.")));
    }

    private double requests(String outcome) {
        var counter = registry.find("llm.requests").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answerCarriesTextUsageAndFinishReason() {
        server.enqueue(Reply.answer("Хороший разбор, спасибо."));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Хороший разбор, спасибо.", Optional.of(new Usage(412, 57)), "stop"));
        assertThat(registry.find("llm.tokens").tag("kind", "prompt").counter().count()).isEqualTo(412);
        assertThat(registry.find("llm.tokens").tag("kind", "completion").counter().count()).isEqualTo(57);
        assertThat(requests("ok")).isEqualTo(1);
        assertThat(registry.find("llm.request").timer().count()).isEqualTo(1);
    }

    @Test
    void requestCarriesModelSamplingMaxTokensAndBearerKey() {
        ask(settings);

        var request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers()).containsEntry("authorization", "Bearer " + TestLlmSettings.API_KEY);
        var body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("llama3.1:8b");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.3);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(LlmClient.maxTokens(220));
        assertThat(request.message("system")).contains("Ты читатель.");
        assertThat(request.message("user")).contains("Пост: цены растут.");
    }

    @Test
    void maxTokensLeavesRoomForTheAnswerAndForThinking() {
        assertThat(LlmClient.maxTokens(220)).isEqualTo(88 * 2 + 1024);
    }

    @Test
    void answerWithoutUsageStillCompletes() {
        server.enqueue(Reply.completion("Отличная новость для всех нас.", "stop", false));

        assertThat(ask(settings)).isEqualTo(new ChatOutcome.Completed("Отличная новость для всех нас.", Optional.empty(), "stop"));
    }

    @Test
    void answerCutByMaxTokensIsMarkedTruncated() {
        server.enqueue(Reply.completion("Это очень длинная мысль, которая обрывается на полу", "length", true));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, completed -> assertThat(completed.truncated()).isTrue());
    }

    @Test
    void clientErrorIsSurfacedFromTheErrorBodyAndNotRetried() {
        server.enqueue(Reply.error(404, "model 'llama9' not found", "invalid_request_error", "model_not_found"));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isEqualTo(new LlmFailure(FailureKind.CLIENT_ERROR, 404, "model 'llama9' not found (invalid_request_error, model_not_found)"));
        assertThat(server.chatRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(requests("client_error")).isEqualTo(1);
    }

    @Test
    void apiKeyEchoedByTheServerNeverReachesTheFailure() {
        server.enqueue(Reply.error(401, "Incorrect API key provided: " + TestLlmSettings.API_KEY, "invalid_request_error", "invalid_api_key"));

        LlmFailure failure = (LlmFailure) ask(settings);

        assertThat(failure.message()).doesNotContain(TestLlmSettings.API_KEY).contains("Incorrect API key provided: ****");
        assertThat(failure.describe()).doesNotContain(TestLlmSettings.API_KEY);
    }

    @Test
    void rateLimitWaitsWhatRetryAfterAsksThenSucceeds() {
        server.enqueue(Reply.error(429, "Rate limit reached", "rate_limit_exceeded", null).withHeader("Retry-After", "7"), Reply.answer("Наконец-то дождались."));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(requests("rate_limited")).isEqualTo(1);
        assertThat(requests("ok")).isEqualTo(1);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwelveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.enqueue(Reply.raw(429, "slow down").withHeader("Retry-After", inTwelveSeconds), Reply.answer("Отличный пост, всё по делу."));

        assertThat(ask(settings)).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterLongerThanTheCapEndsTheRetriesAtOnce() {
        server.enqueue(Reply.error(429, "quota exceeded", "insufficient_quota", "insufficient_quota").withHeader("Retry-After", "3600"));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isInstanceOfSatisfying(LlmFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
            assertThat(failure.status()).isEqualTo(429);
        });
        assertThat(server.chatRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void serverErrorThenSuccessIsRetriedWithJitteredBackoff() {
        server.enqueue(Reply.raw(500, "Internal Server Error"), Reply.answer("Спасибо, было интересно читать."));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(server.chatRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).singleElement().satisfies(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(requests("server_error")).isEqualTo(1);
    }

    @Test
    void serverErrorsStopAfterMaxRetries() {
        server.respondWith(request -> Reply.error(503, "model is loading", "server_error", null));

        ChatOutcome outcome = ask(settings);

        assertThat(outcome).isEqualTo(new LlmFailure(FailureKind.SERVER_ERROR, 503, "model is loading (server_error)"));
        assertThat(server.chatRequestCount()).isEqualTo(1 + settings.maxRetries());
        assertThat(sleeper.waits()).hasSize(settings.maxRetries());
        assertThat(sleeper.waits().get(2)).isLessThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void slowAnswerPastTheTimeoutFailsAsTimeoutAfterItsRetries() {
        server.respondWith(request -> Reply.answer("Слишком поздно.").delayedBy(Duration.ofMinutes(5)));
        LlmSettings impatient = TestLlmSettings.at(server.baseUrl(), Duration.ofMillis(300), 1);

        ChatOutcome outcome = ask(impatient);

        assertThat(outcome).isInstanceOfSatisfying(LlmFailure.class, failure -> assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT));
        assertThat(server.chatRequestCount()).isEqualTo(2);
        assertThat(requests("timeout")).isEqualTo(2);
    }

    @Test
    void bodyThatStallsAfterTheHeadersAlsoTimesOut() {
        server.respondWith(request -> Reply.answer("Заголовки пришли, а текст застрял.").withBodyStalledFor(Duration.ofMinutes(5)));

        ChatOutcome outcome = ask(TestLlmSettings.at(server.baseUrl(), Duration.ofMillis(300), 0));

        assertThat(outcome).isInstanceOfSatisfying(LlmFailure.class, failure -> assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT));
        assertThat(server.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsAFailureAndNotRetried() {
        server.enqueue(Reply.raw(200, "{\"choices\": [{\"message\": {\"content\": \"обрыв"));

        assertThat(ask(settings)).isInstanceOfSatisfying(LlmFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED);
            assertThat(failure.message()).startsWith("the answer is not JSON");
        });
        assertThat(server.chatRequestCount()).isEqualTo(1);
        assertThat(requests("malformed")).isEqualTo(1);
    }

    @Test
    void emptyChoicesIsAFailure() {
        server.enqueue(Reply.raw(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"));

        assertThat(ask(settings)).isEqualTo(new LlmFailure(FailureKind.MALFORMED, 200, "the answer has no choices"));
    }

    @Test
    void choiceWithoutContentIsAFailure() {
        server.enqueue(Reply.raw(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"length\"}]}"));

        assertThat(ask(settings)).isEqualTo(new LlmFailure(FailureKind.MALFORMED, 200, "the first choice has no message content"));
    }

    @Test
    void unreachableServerIsAConnectionFailureAfterItsRetries() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        ChatOutcome outcome = ask(TestLlmSettings.at(closedPort, Duration.ofSeconds(5), 2));

        assertThat(outcome).isInstanceOfSatisfying(LlmFailure.class, failure -> assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION));
        assertThat(sleeper.waits()).hasSize(2);
        assertThat(requests("connection")).isEqualTo(3);
    }

    @Test
    void noMoreThanMaxConcurrencyRequestsAreInFlightAtOnce() throws Exception {
        // Each answer waits until two requests were in flight together, however slowly the machine starts the callers;
        // the pause after it leaves the other callers time to push past the limit if it did not hold.
        server.respondWith(request -> {
            awaitTwoInFlight();
            return Reply.answer("Ответ после паузы, как у живого человека.").delayedBy(Duration.ofMillis(400));
        });
        LlmClient shared = client(2);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChatOutcome>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> threads.submit(() -> shared.complete(settings, List.of(ChatMessage.user("пост " + i)))))
                    .toList();
            for (Future<ChatOutcome> call : calls) {
                assertThat(call.get()).isInstanceOf(ChatOutcome.Completed.class);
            }
        }

        assertThat(server.chatRequestCount()).isEqualTo(8);
        assertThat(server.maxConcurrentRequests()).isEqualTo(2);
    }

    private void awaitTwoInFlight() {
        await("a second request arriving while the first is in flight").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1)).until(() -> server.maxConcurrentRequests() >= 2);
    }

    @Test
    void requestWaitingOutItsBackoffLeavesItsSlotToOthers() {
        server.enqueue(Reply.error(429, "busy", "rate_limit_exceeded", null).withHeader("Retry-After", "2"), Reply.answer("Другой запрос прошёл, пока первый ждал."),
                Reply.answer("Первый запрос дождался своей очереди."));
        // With one slot, a second request made while the first sleeps would never get through if the sleeper held it.
        List<ChatOutcome> duringTheWait = new ArrayList<>();
        AtomicReference<LlmClient> client = new AtomicReference<>();
        Sleeper askingWhileWaiting = wait -> duringTheWait.add(client.get().complete(settings, List.of(ChatMessage.user("второй"))));
        client.set(new LlmClient(HttpClient.newHttpClient(), 1, Backoff.standard(), askingWhileWaiting, InstantSource.fixed(NOW), new LlmMetrics(registry)));

        ChatOutcome first = client.get().complete(settings, List.of(ChatMessage.user("первый")));

        assertThat(duringTheWait).containsExactly(new ChatOutcome.Completed("Другой запрос прошёл, пока первый ждал.", Optional.of(new Usage(412, 57)), "stop"));
        assertThat(first).isEqualTo(new ChatOutcome.Completed("Первый запрос дождался своей очереди.", Optional.of(new Usage(412, 57)), "stop"));
    }

    @Test
    void modelsListsTheServersModels() {
        server.models("llama3.1:8b", "qwen3:4b");

        assertThat(client(2).models(settings)).isEqualTo(new ModelsOutcome.Listed(List.of("llama3.1:8b", "qwen3:4b")));
        assertThat(server.requests().getFirst().path()).isEqualTo("/v1/models");
    }

    @Test
    void modelsOnAWrongBaseUrlIsAFailure() {
        LlmSettings wrongPath = TestLlmSettings.at(URI.create(server.baseUrl() + "/nope"));

        assertThat(client(2).models(wrongPath)).isInstanceOfSatisfying(LlmFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
            assertThat(failure.status()).isEqualTo(404);
        });
    }
}
