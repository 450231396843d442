package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.Instance;
import dev.marketolog.engine.RunState;
import dev.marketolog.llm.LlmClient;
import dev.marketolog.llm.LlmCommentWriter;
import dev.marketolog.llm.LlmMetrics;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.cache.Cache;
import dev.marketolog.store.Caches;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.sim.SentComment;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.telegram.sim.SimWorld;
import dev.marketolog.web.TelegramSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * serve's engine wiring end to end, on real time: PostgreSQL stores, the simulated Telegram in place of TDLib, and the
 * LLM comment writer talking to an OpenAI-compatible test server.
 */
class EngineServiceEndToEndTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final long CHANNEL = -1001234567890L;
    private static final Duration INSTANT_DELAY = Duration.ofSeconds(2);
    /** Generous: the machine is shared; this bounds a hung test, it does not measure anything. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static AccountSettings account(OpenAiTestServer llm) {
        AccountSettings base = AccountSettings.defaults("bot", List.of(CHANNEL));
        Limits limits = new Limits(ActiveWindows.of(new HourWindow(0, 24)), ZoneOffset.UTC, 40, 8, Duration.ofSeconds(90),
                Duration.ofSeconds(2400), 2, Duration.ofMinutes(1440), INSTANT_DELAY);
        LlmSettings l = base.llm();
        LlmSettings toTestServer = new LlmSettings(llm.baseUrl(), l.apiKey(), l.model(), l.temperature(), l.topP(),
                l.frequencyPenalty(), l.presencePenalty(), l.minLen(), l.maxLen(), l.maxEmojis(), l.strictValidate(),
                l.timeout(), l.maxRetries(), l.maxAttempts(), l.promptSystemFile(), l.promptUserFile());
        return new AccountSettings(base.name(), base.envFile(), base.apiId(), base.apiHash(), base.hasTelethonSession(), true,
                base.allowlist(), limits, base.spamGuard(), toTestServer, base.persona(), false, base.sessionEncryptionKey(),
                base.proxy(), base.sendTimeout(), base.selfDeletedLimit(), base.skipKeywords(), base.cacheTtl(), base.review());
    }

    @Test
    void aNewPostGetsExactlyOneCommentWrittenByTheLlmAfterTheInstantDelayJournaledOnce() throws Exception {
        try (OpenAiTestServer llm = OpenAiTestServer.start(); RealTimeClock clock = new RealTimeClock()) {
            AccountSettings account = account(llm);
            Settings settings = new Settings(ProcessSettings.defaults(), List.of(account), List.of());
            AccountRepository accounts = new AccountRepository(db.dataSource(), InstantSource.system());
            accounts.upsert(account.name());
            accounts.syncAllowlist(account.name(), account.allowlist());
            SimOptions quiet = SimOptions.builder(1, clock.instant(), Duration.ofHours(1))
                    .postsPerDay(0).history(Duration.ZERO).postGoneRate(0).build();
            SimWorld world = SimWorld.create(quiet, List.of(CHANNEL), clock, clock::schedule);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            LlmMetrics llmMetrics = new LlmMetrics(registry);
            LlmClient client = new LlmClient(2, llmMetrics);
            Cache cache = Caches.open(Optional.empty(), registry);

            List<String> opened = new ArrayList<>();
            TelegramSessions simulated = new TelegramSessions() {
                @Override
                public Optional<Telegram> open(AccountSettings a) {
                    opened.add(a.name());
                    return Optional.of(world.telegramFor(a.name(), a.allowlist()));
                }

                @Override
                public Optional<TelegramSession> session(String account) {
                    return Optional.empty();
                }

                @Override
                public void close() {}
            };

            try (EngineService engine = EngineService.start(settings, db.database(), new Instance("test-instance", "localhost", 0, clock.instant()), clock, simulated,
                    a -> LlmCommentWriter.forAccount(a, client, cache, llmMetrics), new EngineMetrics(registry))) {
                awaitTrue(() -> engine.status().getFirst().state() == RunState.RUNNING);
                Post post = world.publish(CHANNEL, "Цены на бензин снова выросли: за неделю плюс три процента.", 1);
                // Telegram has the comment a moment before the journal hears back, and the journal before the event that
                // counts it: wait for all three
                awaitTrue(() -> !world.sent().isEmpty() && journal(post.key()).stream().anyMatch(row -> row.startsWith("sent "))
                        && registry.find("marketolog.comments.sent").tag("account", "bot").counter() != null
                        && registry.find("marketolog.comments.sent").tag("account", "bot").counter().count() > 0);

                assertThat(opened).containsExactly("bot");
                SentComment comment = world.sent().getFirst();
                assertThat(comment.post()).isEqualTo(post.key());
                assertThat(comment.text()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
                assertThat(comment.at()).isAfterOrEqualTo(post.publishedAt().plus(INSTANT_DELAY));
                assertThat(llm.chatRequestCount()).isEqualTo(1);
                assertThat(journal(post.key())).containsExactly("sent instant " + OpenAiTestServer.DEFAULT_ANSWER);
                assertThat(journalledMessage(post.key())).isEqualTo("bot " + comment.discussionChatId() + " " + comment.messageId() + " sent_at set");
                assertThat(registry.get("marketolog.comments.sent").tag("account", "bot").counter().count()).isEqualTo(1);
                assertThat(engine.status().getFirst().sentToday()).isEqualTo(1);
            }
            assertThat(world.sent()).hasSize(1);
            assertThat(journal(world.sent().getFirst().post())).hasSize(1);
        }
    }

    /** The account, discussion chat and message id the journal holds for the post's one comment, and whether its sent time is set. */
    private static String journalledMessage(PostKey post) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select account, discussion_chat_id, message_id, sent_at from comment"
                        + " where channel_id = " + post.channelId() + " and post_id = " + post.messageId())) {
            assertThat(row.next()).as("a journal row for %s", post).isTrue();
            return row.getString(1) + " " + row.getLong(2) + " " + row.getLong(3) + (row.getTimestamp(4) != null ? " sent_at set" : " no sent_at");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the journal", e);
        }
    }

    private static List<String> journal(PostKey post) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select status, branch, text from comment where channel_id = "
                        + post.channelId() + " and post_id = " + post.messageId())) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the journal", e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        await().atMost(PATIENCE).until(condition::getAsBoolean);
    }
}
