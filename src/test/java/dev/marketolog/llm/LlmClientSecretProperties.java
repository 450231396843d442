package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.Secret;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * An LLM server that echoes the API key in its error, whole or cut short as OpenAI does ("sk-OPENAIsec..."), in the
 * message, the detail or a body that is not JSON: the failure the client reports (and logs) never carries it.
 */
class LlmClientSecretProperties {
    private static OpenAiTestServer server;
    private static final LlmClient CLIENT = new LlmClient(HttpClient.newHttpClient(), 1,
            new Backoff(Duration.ZERO, Duration.ZERO, Duration.ZERO, new SplittableRandom(1)), duration -> { }, InstantSource.system(),
            new LlmMetrics(new SimpleMeterRegistry()));

    @BeforeContainer
    static void start() {
        server = OpenAiTestServer.start();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** Keys as OPENAI_API_KEY accepts them: printable ASCII without spaces. */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(8).ofMaxLength(60);
    }

    @Property(tries = 150)
    void anEchoedKeyOrAnyStartOfItOfSixCharactersIsNeverReported(@ForAll("keys") String key, @ForAll @IntRange(min = 6, max = 60) int shown,
            @ForAll @IntRange(min = 0, max = 2) int shape) {
        String echoed = key.substring(0, Math.min(shown, key.length()));
        String message = "Incorrect API key provided: " + echoed + "... You can find your API key at https://platform.openai.com.";
        server.enqueue(switch (shape) {
            case 0 -> Reply.error(401, message, "invalid_request_error", "invalid_api_key");
            case 1 -> Reply.raw(403, "{\"detail\": \"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            default -> Reply.raw(502, "<html><body>" + message + "</body></html>");
        });
        ChatOutcome outcome = CLIENT.complete(settings(key), List.of(ChatMessage.user("Пост")));

        assertThat(outcome).isInstanceOf(LlmFailure.class);
        String reported = ((LlmFailure) outcome).describe();
        assertThat(reported).contains("Incorrect API key provided: ****").doesNotContain(echoed);
    }

    private static LlmSettings settings(String key) {
        LlmSettings test = TestLlmSettings.at(server.baseUrl(), Duration.ofSeconds(10), 0);
        return new LlmSettings(test.baseUrl(), Secret.of(key), test.model(), test.temperature(), test.topP(), test.frequencyPenalty(),
                test.presencePenalty(), test.minLen(), test.maxLen(), test.maxEmojis(), test.strictValidate(), test.timeout(),
                test.maxRetries(), test.maxAttempts(), test.promptSystemFile(), test.promptUserFile());
    }
}
