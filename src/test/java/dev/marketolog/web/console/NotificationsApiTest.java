package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.NotificationStatus;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.store.TestDatabase;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/notifications} over real HTTP on real PostgreSQL, with a webhook that is down. */
class NotificationsApiTest {

    private static final String HOOK_TOKEN = "T0K3Nc4f3b2a19d8e7";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Map<String, String> ACCOUNT = Map.of("ACCOUNT_NAME", "bot", "ALLOWLIST_CHAT_IDS", "-1001000000001");

    private final TestDatabase db = TestDatabase.create();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer hook;
    private ConsoleFixture console;

    @AfterEach
    void close() {
        console.close();
        if (hook != null) {
            hook.stop(0);
        }
        db.close();
    }

    @Test
    void withoutTheTokenIts401() {
        console = new ConsoleFixture(db.dataSource(), InstantSource.system(), ACCOUNT, List::of);

        assertThat(console.anonymous().get("/api/v1/notifications").statusCode()).isEqualTo(401);
    }

    @Test
    void withoutASinkNotificationsAreOff() throws Exception {
        console = new ConsoleFixture(db.dataSource(), InstantSource.system(), ACCOUNT, List::of);

        JsonNode status = json.readTree(console.http().get("/api/v1/notifications").body());

        assertThat(status.get("on").asBoolean()).isFalse();
        assertThat(status.get("sinks")).isEmpty();
        assertThat(status.get("waiting").asLong()).isZero();
        assertThat(status.get("oldest_waiting_since").isNull()).isTrue();
        assertThat(status.get("last_failure").isNull()).isTrue();
    }

    @Test
    void aWebhookThatIsDownShowsItsBacklogAndFailureButNeverItsUrl() throws Exception {
        String url = webhookAnsweringWithItsOwnUrl();
        console = new ConsoleFixture(db.dataSource(), InstantSource.system(), Map.of("ACCOUNT_NAME", "bot",
                "ALLOWLIST_CHAT_IDS", "-1001000000001", "NOTIFY_WEBHOOK_URL", url, "NOTIFY_WEBHOOK_FORMAT", "slack"), List::of);
        new JdbcOutbox(db.dataSource()).add(Notification.llmDown(NOW.minus(Duration.ofMinutes(20)), NOW));

        console.notifier().start();
        awaitFirstFailure();
        HttpResponse<String> response = console.http().get("/api/v1/notifications");
        JsonNode status = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(status.get("on").asBoolean()).isTrue();
        assertThat(status.get("waiting").asLong()).isEqualTo(1);
        assertThat(Instant.parse(status.get("oldest_waiting_since").asText())).isEqualTo(NOW);
        assertThat(status.get("oldest_waiting_seconds").asLong()).isNotNegative();
        assertThat(status.get("delivery_failures").asLong()).isPositive();
        JsonNode sink = status.get("sinks").get(0);
        assertThat(sink.get("kind").asText()).isEqualTo("webhook (slack)");
        assertThat(sink.get("deliveries").asLong()).isZero();
        assertThat(sink.get("failures").asLong()).isPositive();
        assertThat(sink.get("last_failure").asText()).startsWith("answered 502: ").contains("****");
        assertThat(status.get("last_failure").asText()).startsWith("webhook: answered 502: ");
        assertThat(response.body()).doesNotContain(HOOK_TOKEN).doesNotContain("/hooks/");
    }

    /** A webhook that is down, and like some proxies quotes the URL it could not reach (the token in its path). */
    private String webhookAnsweringWithItsOwnUrl() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/" + HOOK_TOKEN;
        hook.createContext("/", exchange -> {
            byte[] body = ("upstream down for " + url).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hook.start();
        return url;
    }

    /** The notifier's first pass runs at its start and reads the backlog after the failure; this waits for it, not for a speed. */
    private void awaitFirstFailure() throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!failedAndCounted(console.notifier().notificationStatus()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
        }
    }

    private static boolean failedAndCounted(NotificationStatus status) {
        return status.deliveryFailures() > 0 && status.waiting() > 0;
    }
}
