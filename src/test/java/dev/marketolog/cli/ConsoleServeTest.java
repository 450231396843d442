package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.web.console.ConsoleHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console as {@code serve} runs it: off with a weak token, and on with a strong one against the sandbox world. */
class ConsoleServeTest {

    private static final long CHANNEL = -1001000000001L;

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();

    private Map<String, String> environment(Sandbox sandbox, OpenAiTestServer llm, String token) {
        Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()));
        env.putAll(Map.of("TELEGRAM_SANDBOX_URL", sandbox.url(), "ALLOWLIST_CHAT_IDS", String.valueOf(CHANNEL),
                "ACTIVE_WINDOWS", "0-24", "OPENAI_BASE_URL", llm.baseUrl().toString(), "INSTANT_COMMENT_DELAY_SECONDS", "1",
                "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1", "MIN_INTERVAL_PER_CHAT_SECONDS", "1", "FLEET_MIN_GAP_SECONDS", "0",
                "ADMIN_TOKEN", token));
        return env;
    }

    private static Sandbox sandbox() {
        SimOptions options = SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).build();
        return Sandbox.start(options, List.of(), 0, Optional.empty());
    }

    @Test
    void withTheSeedsPlaceholderTokenEveryConsoleRouteIs404AndHealthStaysOpen() throws Exception {
        try (Sandbox sandbox = sandbox(); OpenAiTestServer llm = OpenAiTestServer.start()) {
            Settings settings = SettingsLoader.load(List.of(), environment(sandbox, llm, "change-me"), Purpose.SERVE);
            try (ServeProcess serve = new ServeProcess(settings)) {
                serve.start();
                ConsoleHttp withPlaceholder = ConsoleHttp.withToken(serve.httpPort(), "change-me");

                for (String path : List.of("/api/v1/accounts", "/api/v1/accounts/bot", "/api/v1/journal", "/api/v1/journal.csv",
                        "/api/v1/audit", "/")) {
                    assertThat(withPlaceholder.get(path).statusCode()).as(path).isEqualTo(404);
                }
                assertThat(withPlaceholder.send("POST", "/api/v1/accounts/bot/pause", "").statusCode()).isEqualTo(404);
                assertThat(ConsoleHttp.anonymous(serve.httpPort()).get("/health").statusCode()).isEqualTo(200);
                assertThat(ConsoleHttp.anonymous(serve.httpPort()).get("/metrics").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void withAStrongTokenTheApiShowsTheRunningAccountAndItsSentCommentWithItsLink() throws Exception {
        try (Sandbox sandbox = sandbox(); OpenAiTestServer llm = OpenAiTestServer.start()) {
            Settings settings = SettingsLoader.load(List.of(), environment(sandbox, llm, ServeEnvironment.ADMIN_TOKEN), Purpose.SERVE);
            try (ServeProcess serve = new ServeProcess(settings)) {
                serve.start();
                ConsoleHttp console = ConsoleHttp.withToken(serve.httpPort(), ServeEnvironment.ADMIN_TOKEN);

                await().atMost(Duration.ofSeconds(90)).until(() ->
                        json.readTree(console.get("/api/v1/journal?status=sent").body()).get("rows").size() > 0);
                JsonNode row = json.readTree(console.get("/api/v1/journal?status=sent").body()).get("rows").get(0);
                JsonNode bot = json.readTree(console.get("/api/v1/accounts/bot").body());

                assertThat(row.get("account").asText()).isEqualTo("bot");
                assertThat(row.get("text").asText()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
                assertThat(row.get("link").asText()).startsWith("https://t.me/c/").endsWith("/" + row.get("message_id").asLong());
                assertThat(bot.get("state").asText()).isEqualTo("running");
                assertThat(bot.get("sent_today").asInt()).isPositive();
                assertThat(bot.get("channels").get(0).get("channel_id").asLong()).isEqualTo(CHANNEL);
                assertThat(bot.get("channels").get(0).get("state").asText()).isEqualTo("open");
            }
        }
    }
}
