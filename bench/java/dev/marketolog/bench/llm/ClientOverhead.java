package dev.marketolog.bench.llm;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.Secret;
import dev.marketolog.llm.ChatMessage;
import dev.marketolog.llm.ChatOutcome;
import dev.marketolog.llm.LlmClient;
import dev.marketolog.llm.LlmMetrics;
import dev.marketolog.llm.OpenAiTestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The LLM client's own cost per request (goal: at most 2 ms at p99), against the local {@link OpenAiTestServer}
 * answering at once. Sequential requests; printed are the client's latencies, those of a bare {@code HttpClient}
 * POST of the same body to the same server (the floor: loopback HTTP and the server), and the difference of the two.
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.marketolog.bench.llm.ClientOverhead [REQUESTS]}
 */
public final class ClientOverhead {

    public static void main(String[] args) throws IOException, InterruptedException {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        try (OpenAiTestServer server = OpenAiTestServer.start()) {
            LlmSettings defaults = LlmSettings.defaults();
            LlmSettings settings = new LlmSettings(server.baseUrl(), Secret.of("sk-bench"), defaults.model(), defaults.temperature(), defaults.topP(),
                    defaults.frequencyPenalty(), defaults.presencePenalty(), defaults.minLen(), defaults.maxLen(), defaults.maxEmojis(),
                    defaults.strictValidate(), Duration.ofSeconds(10), 0, defaults.maxAttempts(), defaults.promptSystemFile(), defaults.promptUserFile());
            LlmClient client = new LlmClient(1, new LlmMetrics(new SimpleMeterRegistry()));
            List<ChatMessage> messages = List.of(ChatMessage.system("Ты — обычный читатель канала. ".repeat(30)),
                    ChatMessage.user("Канал: Экономика\n\nПост:\n" + "Центробанк снова повысил ключевую ставку до 21%. ".repeat(20)));

            HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest same = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(client, settings, messages, server)))
                    .build();

            for (int i = 0; i < requests; i++) {
                client.complete(settings, messages);
                bare.send(same, HttpResponse.BodyHandlers.ofString());
            }
            long[] clientNanos = new long[requests];
            long[] bareNanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long started = System.nanoTime();
                ChatOutcome outcome = client.complete(settings, messages);
                clientNanos[i] = System.nanoTime() - started;
                if (!(outcome instanceof ChatOutcome.Completed)) {
                    throw new IllegalStateException("the test server failed: " + outcome);
                }
                started = System.nanoTime();
                bare.send(same, HttpResponse.BodyHandlers.ofString());
                bareNanos[i] = System.nanoTime() - started;
            }
            Arrays.sort(clientNanos);
            Arrays.sort(bareNanos);
            System.out.printf("%d sequential requests after %d warm-up; milliseconds%n", requests, requests);
            System.out.printf("%-28s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "p99.9");
            row("LlmClient.complete", clientNanos, null);
            row("bare HttpClient POST", bareNanos, null);
            row("client minus bare", clientNanos, bareNanos);
        }
    }

    /** The exact body the client sends, captured from one request, so the bare POST carries the same bytes. */
    private static String body(LlmClient client, LlmSettings settings, List<ChatMessage> messages, OpenAiTestServer server) {
        client.complete(settings, messages);
        return server.requests().getLast().body();
    }

    private static void row(String label, long[] sorted, long[] minus) {
        double[] quantiles = {0.50, 0.90, 0.99, 0.999};
        StringBuilder line = new StringBuilder(String.format("%-28s", label));
        for (double q : quantiles) {
            int at = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
            long nanos = minus == null ? sorted[at] : sorted[at] - minus[at];
            line.append(String.format(" %8.3f", nanos / 1e6));
        }
        System.out.println(line);
    }
}
