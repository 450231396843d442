package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.notify.SinkServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.web.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeWithSandboxTest {

    private static final long CHANNEL = -1001000000001L;

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    @Test
    void serveWithASandboxUrlCommentsInTheSandboxWorldWithoutASessionOrLogin() throws Exception {
        SimOptions options = SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).build();
        try (Sandbox sandbox = Sandbox.start(options, List.of(), 0, Optional.empty());
                OpenAiTestServer llm = OpenAiTestServer.start()) {
            Map<String, String> env = new java.util.HashMap<>(ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()));
            env.putAll(Map.of("TELEGRAM_SANDBOX_URL", sandbox.url(), "ALLOWLIST_CHAT_IDS", String.valueOf(CHANNEL),
                    "ACTIVE_WINDOWS", "0-24", "OPENAI_BASE_URL", llm.baseUrl().toString(), "INSTANT_COMMENT_DELAY_SECONDS", "1",
                    "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1", "MIN_INTERVAL_PER_CHAT_SECONDS", "1", "FLEET_MIN_GAP_SECONDS", "0"));
            Settings settings = SettingsLoader.load(List.of(), env, Purpose.SERVE);

            try (ServeProcess serve = new ServeProcess(settings)) {
                serve.start();
                await().atMost(Duration.ofSeconds(90)).until(() -> !sandbox.world().received().isEmpty());
                JsonNode health = new ObjectMapper().readTree(TestHttp.get(serve.httpPort(), "/health").body());

                ReceivedComment comment = sandbox.world().received().getFirst();
                assertThat(comment.account()).isEqualTo("bot");
                assertThat(comment.channelId()).isEqualTo(CHANNEL);
                assertThat(comment.text()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
                assertThat(comment.instance()).as("the sending instance's identity").isEqualTo(Files.readString(dataDir.resolve("instance-id")).strip());
                assertThat(health.get("accounts").get(0).get("state").asText()).isEqualTo("running");
                assertThat(health.get("accounts").get(0).get("telegram").get("authorization").asText()).isEqualTo("sandbox");
            }
        }
    }

    @Test
    void aSpamBlockInServeReachesTheWebhookAndTheAccountsSavedMessagesOnce() throws Exception {
        SimOptions options = SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).peerFloodRate(1).build();
        try (Sandbox sandbox = Sandbox.start(options, List.of(), 0, Optional.empty());
                OpenAiTestServer llm = OpenAiTestServer.start();
                SinkServer webhook = SinkServer.start()) {
            Map<String, String> env = new java.util.HashMap<>(ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()));
            env.putAll(Map.of("TELEGRAM_SANDBOX_URL", sandbox.url(), "ALLOWLIST_CHAT_IDS", String.valueOf(CHANNEL),
                    "ACTIVE_WINDOWS", "0-24", "OPENAI_BASE_URL", llm.baseUrl().toString(), "INSTANT_COMMENT_DELAY_SECONDS", "1",
                    "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1", "MIN_INTERVAL_PER_CHAT_SECONDS", "1", "FLEET_MIN_GAP_SECONDS", "0",
                    "SPAMBLOCK_ERROR_THRESHOLD", "1"));
            // the digest's hour is half a day away, so the spam block is all there is to tell
            env.putAll(Map.of("NOTIFY_WEBHOOK_URL", webhook.url("/hook").toString(), "NOTIFY_SAVED_MESSAGES", "true",
                    "TIMEZONE", "UTC", "NOTIFY_DIGEST_HOUR", String.valueOf((Instant.now().atZone(ZoneOffset.UTC).getHour() + 12) % 24)));
            env.put("ACCOUNT_NAME", "blocked"); // its spam block stays in the shared database: no other test's account
            env.remove("NOTIFY_TELEGRAM_BOT_TOKEN");
            env.remove("NOTIFY_TELEGRAM_CHAT_ID");
            Settings settings = SettingsLoader.load(List.of(), env, Purpose.SERVE);

            try (ServeProcess serve = new ServeProcess(settings)) {
                serve.start();
                await().atMost(Duration.ofSeconds(120)).until(() -> !webhook.accepted().isEmpty()
                        && !sandbox.world().savedMessages().isEmpty());

                assertThat(webhook.accepted()).singleElement().satisfies(request -> assertThat(
                        new ObjectMapper().readTree(request.body()).get("events").get(0).get("kind").asText())
                        .isEqualTo("spam_block_started"));
                assertThat(sandbox.world().savedMessages()).singleElement().satisfies(note -> {
                    assertThat(note.account()).isEqualTo("blocked");
                    assertThat(note.text()).startsWith("Marketolog: Spam block started\nblocked sleeps until");
                });
            }
        }
    }
}
