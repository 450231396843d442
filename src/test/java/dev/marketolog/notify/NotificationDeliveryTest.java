package dev.marketolog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.CapturedLog;
import dev.marketolog.config.NotifySettings.WebhookFormat;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.NotificationOutbox;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcAccountStateStore;
import dev.marketolog.store.JdbcChannelStateStore;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox on real PostgreSQL, delivered to local HTTP servers standing in for a webhook and the Bot API. */
class NotificationDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final String TOKEN = "123456789:AAFsecretBotTokenNeverShown";

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @RegisterExtension
    final CapturedLog logged = CapturedLog.of(DeliveryLoop.class);

    private final HttpClient http = HttpClient.newHttpClient();
    private final SinkServer server = SinkServer.start();
    private final VirtualClock clock = new VirtualClock(START);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private NotificationOutbox outbox;

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate notification_outbox, comment, account_lease, account_state, account_channel, account cascade");
        }
        new AccountRepository(db.dataSource(), InstantSource.fixed(START)).upsert("bot1");
        outbox = new JdbcOutbox(db.dataSource());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(WebhookFormat.class)
    void aSpamBlockIsDeliveredExactlyOnceInEachFormat(WebhookFormat format) throws Exception {
        DeliveryLoop loop = loop(webhook(format));
        blockBot1ForAnHour();
        blockBot1ForAnHour(); // the same block saved again: the same event

        passesFor(loop, Duration.ofSeconds(10));

        assertThat(server.requests()).hasSize(1);
        SinkServer.Request request = server.requests().getFirst();
        String text = "bot1 sleeps until 2026-12-03 11:00 UTC";
        switch (format) {
            case JSON -> {
                JsonNode body = JSON.readTree(request.body());
                assertThat(body.get("title").asText()).isEqualTo("Marketolog: Spam block started");
                assertThat(body.get("text").asText()).startsWith(text);
                JsonNode event = body.get("events").get(0);
                assertThat(event.get("kind").asText()).isEqualTo("spam_block_started");
                assertThat(event.get("account").asText()).isEqualTo("bot1");
                assertThat(event.get("key").asText()).isEqualTo("spam_block_started:bot1:" + START.toEpochMilli());
                assertThat(event.get("at").asText()).isEqualTo("2026-12-03T10:00:00Z");
            }
            case SLACK -> assertThat(JSON.readTree(request.body()).get("text").asText())
                    .startsWith("Marketolog: Spam block started\n" + text);
            case DISCORD -> assertThat(JSON.readTree(request.body()).get("content").asText())
                    .startsWith("Marketolog: Spam block started\n" + text);
            case NTFY -> {
                assertThat(request.header("Title")).isEqualTo("Marketolog: Spam block started");
                assertThat(request.header("Content-Type")).startsWith("text/plain");
                assertThat(request.body()).startsWith(text);
            }
        }
        assertThat(outbox.backlog(clock.instant()).waiting()).isZero();
    }

    @Test
    void theBotApiGetsOneSendMessageToTheChat() throws Exception {
        DeliveryLoop loop = loop(bot());
        blockBot1ForAnHour();

        passesFor(loop, Duration.ofSeconds(10));

        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
            assertThat(body.get("text").asText()).startsWith("Marketolog: Spam block started\nbot1 sleeps until");
        });
    }

    @Test
    void theEndOfASpamBlockIsSentWhenTheBlockIsOver() {
        DeliveryLoop loop = loop(webhook(WebhookFormat.SLACK));
        blockBot1ForAnHour();

        passesFor(loop, Duration.ofMinutes(59));
        assertThat(server.requests()).hasSize(1);
        passesFor(loop, Duration.ofMinutes(2));

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).contains("Spam block ended", "bot1 runs again");
    }

    @Test
    void aSinkDownForAMinuteGetsTheEventOnceWhenItIsBack() {
        DeliveryLoop loop = loop(webhook(WebhookFormat.JSON));
        server.answer(503, "down for maintenance");
        blockBot1ForAnHour();

        passesFor(loop, Duration.ofMinutes(1));
        assertThat(server.accepted()).isEmpty();
        assertThat(server.requests()).hasSizeBetween(3, 6); // backoff: 0, 5, 15, 35 s ...
        assertThat(loop.notificationStatus().waiting()).isEqualTo(1);
        server.answer(200, "ok");
        passesFor(loop, Duration.ofMinutes(3));

        assertThat(server.accepted()).hasSize(1);
        assertThat(loop.notificationStatus().waiting()).isZero();
        assertThat(loop.notificationStatus().deliveryFailures()).isEqualTo(server.requests().size() - 1);
        assertThat(registry.get("notify_delivery_failures_total").tag("sink", "webhook").counter().count())
                .isEqualTo(server.requests().size() - 1);
        assertThat(registry.get("notify_deliveries_total").tag("sink", "webhook").counter().count()).isEqualTo(1);
        assertThat(registry.get("notify_backlog").gauge().value()).isZero();
    }

    @Test
    void eventsWaitingForTheRateLimitGoOutTogetherInOneMessage() throws Exception {
        DeliveryLoop loop = loop(bot());
        for (long channel = 1; channel <= 5; channel++) {
            ban(channel);
        }
        loop.runOnce();
        assertThat(server.requests()).hasSize(1);
        assertThat(JSON.readTree(server.requests().getFirst().body()).get("text").asText())
                .startsWith("Marketolog: 5 notifications").contains("channel 1 ", "channel 5 ");

        ban(6);
        ban(7);
        loop.runOnce(); // within the same second: the Bot API's pace holds them
        assertThat(server.requests()).hasSize(1);
        clock.runUntil(clock.instant().plusSeconds(1));
        loop.runOnce();

        assertThat(server.requests()).hasSize(2);
        assertThat(JSON.readTree(server.requests().get(1).body()).get("text").asText())
                .startsWith("Marketolog: 2 notifications").contains("channel 6 ", "channel 7 ");
    }

    @Test
    void twoWorkersOnOneDatabaseDeliverEachEventOnce() throws Exception {
        server.delay(Duration.ofMillis(200)); // each delivery holds its rows while the other worker runs
        DeliveryLoop first = loop(webhook(WebhookFormat.JSON));
        DeliveryLoop second = new DeliveryLoop(new JdbcOutbox(db.dataSource()), List.of(webhook(WebhookFormat.JSON)),
                clock, new SimpleMeterRegistry());
        for (long channel = 1; channel <= 30; channel++) {
            ban(channel);
        }
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 5; round++) {
                Future<?> a = workers.submit(first::runOnce);
                Future<?> b = workers.submit(second::runOnce);
                a.get();
                b.get();
                clock.runUntil(clock.instant().plusSeconds(1));
            }
        }

        List<String> keys = server.requests().stream()
                .flatMap(r -> json(r.body()).get("events").valueStream())
                .map(e -> e.get("key").asText())
                .toList();
        assertThat(keys).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void theBotTokenNeverAppearsInTheLogsOrTheStatus() {
        DeliveryLoop loop = loop(bot());
        // a proxy that echoes the request line back, token and all
        server.answer(502, "bad gateway for POST /bot" + TOKEN + "/sendMessage");
        blockBot1ForAnHour();

        passesFor(loop, Duration.ofMinutes(1));

        assertThat(logged.events()).isNotEmpty();
        assertThat(logged.events()).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN, "AAFsecret"));
        assertThat(loop.notificationStatus().lastFailure()).hasValueSatisfying(
                failure -> assertThat(failure).contains("502").doesNotContain(TOKEN, "AAFsecret"));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private DeliveryLoop loop(Sink sink) {
        return new DeliveryLoop(outbox, List.of(sink), clock, registry);
    }

    private WebhookSink webhook(WebhookFormat format) {
        return new WebhookSink(http, Secret.of(server.url("/hook/secret-path").toString()), format);
    }

    private BotApiSink bot() {
        return new BotApiSink(http, server.url("/"), Secret.of(TOKEN), "-1001234567890");
    }

    /** What the spam guard saves when it puts bot1 to sleep for an hour now. */
    private void blockBot1ForAnHour() {
        new JdbcAccountStateStore(db.dataSource()).save("bot1",
                new AccountState(Optional.of(START.plus(Duration.ofHours(1))), 0, 0, Optional.of(START), Optional.empty()), START);
    }

    private void ban(long channel) {
        new JdbcChannelStateStore(db.dataSource()).ban("bot1", channel, "the channel closed its comments", clock.instant());
    }

    /** A pass every second of virtual time, as the loop runs them. */
    private void passesFor(DeliveryLoop loop, Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            loop.runOnce();
            clock.runUntil(clock.instant().plusSeconds(1));
        }
    }
}
