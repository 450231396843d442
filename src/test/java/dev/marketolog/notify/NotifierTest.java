package dev.marketolog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.NotifySettings;
import dev.marketolog.config.NotifySettings.WebhookFormat;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.Branch;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Journal;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcJournal;
import dev.marketolog.store.JdbcLeaseStore;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.PostKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What changes no row (the LLM down, the digest) reaches the sink through the outbox too, once. */
class NotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Instant START = Instant.parse("2026-12-03T05:30:00Z"); // 08:30 in Moscow
    private static final PostKey POST = new PostKey(-1001, 7);

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private final SinkServer server = SinkServer.start();
    private final VirtualClock clock = new VirtualClock(START);
    private Journal journal;
    private Notifier notifier;

    @BeforeEach
    void setUp() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate notification_outbox, comment, account_lease, account_state, account_channel, account cascade");
        }
        AccountRepository accounts = new AccountRepository(db.dataSource(), InstantSource.fixed(START));
        accounts.upsert("bot1");
        accounts.upsert("bot2");
        journal = new JdbcJournal(db.dataSource());
        NotifySettings settings = new NotifySettings(Secret.of(server.url("/hook").toString()), WebhookFormat.SLACK,
                Secret.NONE, Optional.empty(), false, Duration.ofMinutes(15), 9);
        WebhookSink sink = new WebhookSink(HttpClient.newHttpClient(), settings.webhookUrl(), settings.webhookFormat());
        notifier = new Notifier(new EngineWatch(settings.llmDownAfter()), settings, List.of("bot1", "bot2"), MOSCOW,
                new JdbcOutbox(db.dataSource()), journal, List.of(sink), clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theLlmDownForFifteenMinutesIsOneMessage() {
        for (int minute = 0; minute <= 20; minute++) {
            notifier.engineListener().accept(new EngineEvent.Skipped("bot1", clock.instant(), POST, SkipReason.WRITER_UNAVAILABLE));
            passesFor(Duration.ofMinutes(1));
        }

        assertThat(texts()).singleElement().asString().startsWith("Marketolog: LLM unavailable\nThe LLM has been unavailable since");
    }

    @Test
    void theDailyDigestGoesOutOnceAtItsLocalHour() {
        comment("bot1", 1, true);
        comment("bot1", 2, true);
        comment("bot2", 3, false);
        notifier.engineListener().accept(new EngineEvent.Skipped("bot2", clock.instant(), POST, SkipReason.DAILY_LIMIT));

        passesFor(Duration.ofMinutes(29));
        assertThat(server.requests()).isEmpty();
        passesFor(Duration.ofMinutes(5));

        assertThat(texts()).containsExactly("""
                Marketolog: Daily digest
                The 24 hours before 2026-12-03 09:00 (Europe/Moscow):
                bot1: 2 comments, 0 failures, skipped: none
                bot2: 0 comments, 1 failures, skipped: daily_limit 1""");
    }

    private void comment(String account, long post, boolean sent) {
        Instant at = clock.instant();
        long epoch = new JdbcLeaseStore(db.dataSource()).take(account, "test", Duration.ofMinutes(5)).orElseThrow();
        long id = ((Reservation.Reserved) journal.reserve(account, new PostKey(-1001, post), Branch.INSTANT, at,
                new FleetRules(5, Duration.ZERO), epoch)).id();
        journal.markSending(id, "text", at);
        if (sent) {
            journal.markSent(id, -2001, post, Optional.empty(), at, List.of());
        } else {
            journal.markFailed(id, "PEER_FLOOD", true, at, List.of());
        }
    }

    private List<String> texts() {
        return server.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).get("text").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private void passesFor(Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            notifier.pass();
            clock.runUntil(clock.instant().plusSeconds(1));
        }
    }
}
