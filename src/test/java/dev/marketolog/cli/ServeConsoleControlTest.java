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
import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountControl.Accepted;
import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.engine.AccountControl.Applied;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.JdbcAccountControl;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.web.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's commands against {@code serve} on the sandbox world and real PostgreSQL: written through
 * {@link JdbcAccountControl} as the admin API writes them, applied by the running process within seconds, kept across a
 * restart.
 */
class ServeConsoleControlTest {

    private static final long CHANNEL = -1001000000001L;
    private static final long NEW_CHANNEL = -1001000000002L;
    private static final Actor OPERATOR = new Actor("127.0.0.1");
    /** Bounds a hung test on a shared machine; measures nothing. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** A database of each test's own: the paused flag and the overrides outlive a serve, as they should. */
    @AutoClose
    final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    @TempDir
    Path otherDataDir;

    /** Comments different enough from each other that the near-copy check lets every one through. */
    private static final List<String> ANSWERS = List.of(
            "Интересный поворот, посмотрим, как это скажется на ценах уже этой осенью.",
            "Хорошо, что об этом наконец пишут открыто и с цифрами.",
            "Любопытно было бы услышать мнение местных жителей по этому поводу.",
            "Звучит разумно, хотя сроки кажутся слишком оптимистичными.",
            "Спасибо за подборку, особенно понравилась вторая часть про транспорт.",
            "Надеюсь, дойдут руки и до парков, там тоже много работы.",
            "Неожиданно, прошлой весной всё выглядело совсем иначе.",
            "Главное теперь, чтобы обещания не остались на бумаге.",
            "Забавно, как быстро меняются правила игры в этой сфере.",
            "Было бы здорово увидеть продолжение с подробностями.",
            "Цифры впечатляют, но хочется понять, откуда они взяты.",
            "Согласен с автором, проблема назревала давно.");

    /** An LLM that answers each request with the next of {@link #ANSWERS}. */
    private static OpenAiTestServer llm() {
        AtomicInteger next = new AtomicInteger();
        return OpenAiTestServer.start().respondWith(
                request -> OpenAiTestServer.Reply.answer(ANSWERS.get(next.getAndIncrement() % ANSWERS.size())));
    }

    private static SimOptions busyWorld() {
        return SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60 * 6).postGoneRate(0).build();
    }

    private Settings settings(Sandbox sandbox, OpenAiTestServer llm, Path dataDir) throws Exception {
        return settings(sandbox, llm, dataDir, Map.of());
    }

    private Settings settings(Sandbox sandbox, OpenAiTestServer llm, Path dataDir, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()));
        env.putAll(Map.of("TELEGRAM_SANDBOX_URL", sandbox.url(), "ALLOWLIST_CHAT_IDS", String.valueOf(CHANNEL),
                "ACTIVE_WINDOWS", "0-24", "OPENAI_BASE_URL", llm.baseUrl().toString(), "INSTANT_COMMENT_DELAY_SECONDS", "1",
                "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1", "MIN_INTERVAL_PER_CHAT_SECONDS", "1", "FLEET_MIN_GAP_SECONDS", "0"));
        // room for a comment in every channel within the test: the day's pace and the hour's cap do not hold it back
        env.putAll(Map.of("MESSAGES_PER_DAY", "1000", "MESSAGES_PER_HOUR", "100", "MAX_INSTANT_PER_CHAT_PER_HOUR", "100"));
        env.remove("REDIS_URL");
        env.putAll(more);
        return SettingsLoader.load(List.of(), env, Purpose.SERVE);
    }

    private static ServeProcess started(Settings settings) {
        ServeProcess serve = new ServeProcess(settings);
        serve.start();
        return serve;
    }

    private static JsonNode account(ServeProcess serve) throws Exception {
        return new ObjectMapper().readTree(TestHttp.get(serve.httpPort(), "/health").body()).get("accounts").get(0);
    }

    private static String state(ServeProcess serve) throws Exception {
        return account(serve).get("state").asText();
    }

    private static boolean commentedIn(Sandbox sandbox, long channel, Instant since) {
        return sandbox.world().received().stream().anyMatch(c -> c.channelId() == channel && !c.at().isBefore(since));
    }

    @Test
    void anOverrideReachesTheRunningAccountWithinSecondsAndSurvivesARestart() throws Exception {
        try (Sandbox sandbox = Sandbox.start(busyWorld(), List.of(CHANNEL, NEW_CHANNEL), 0, Optional.empty());
                OpenAiTestServer llm = llm()) {
            Settings settings = settings(sandbox, llm, dataDir);
            AccountControl control = new JdbcAccountControl(db.dataSource(), InstantSource.system(), settings);
            try (ServeProcess serve = started(settings)) {
                await().atMost(PATIENCE).until(() -> commentedIn(sandbox, CHANNEL, Instant.EPOCH));
                assertThat(commentedIn(sandbox, NEW_CHANNEL, Instant.EPOCH)).isFalse();

                assertThat(control.override("bot", Map.of("ALLOWLIST_CHAT_IDS", CHANNEL + "," + NEW_CHANNEL), OPERATOR))
                        .isInstanceOf(Applied.class);

                // the runner opens the newly allowlisted channel as at its start and comments there
                await().atMost(PATIENCE).until(() -> commentedIn(sandbox, NEW_CHANNEL, Instant.EPOCH));
            }
            Instant restarted = Instant.now();
            try (ServeProcess serve = started(settings)) {
                await().atMost(PATIENCE).until(() -> commentedIn(sandbox, NEW_CHANNEL, restarted));
                assertThat(sandbox.world().received()).extracting(ReceivedComment::channelId).containsOnly(CHANNEL, NEW_CHANNEL);
            }
        }
    }

    @Test
    void anAccountDisabledInItsFileStartsWhenTheConsoleEnablesIt() throws Exception {
        try (Sandbox sandbox = Sandbox.start(busyWorld(), List.of(CHANNEL), 0, Optional.empty());
                OpenAiTestServer llm = llm()) {
            Settings settings = settings(sandbox, llm, dataDir, Map.of("BOT_ENABLED", "false"));
            AccountControl control = new JdbcAccountControl(db.dataSource(), InstantSource.system(), settings);
            try (ServeProcess serve = started(settings)) {
                await().atMost(PATIENCE).until(() -> state(serve).equals("idle"));

                control.override("bot", Map.of("BOT_ENABLED", "true"), OPERATOR);

                await().atMost(PATIENCE).until(() -> state(serve).equals("running"));
                await().atMost(PATIENCE).until(() -> commentedIn(sandbox, CHANNEL, Instant.EPOCH));
            }
        }
    }

    @Test
    void aPausedAccountShowsPausedInHealthAndStaysPausedAcrossARestart() throws Exception {
        try (Sandbox sandbox = Sandbox.start(busyWorld(), List.of(CHANNEL), 0, Optional.empty());
                OpenAiTestServer llm = llm()) {
            Settings settings = settings(sandbox, llm, dataDir);
            AccountControl control = new JdbcAccountControl(db.dataSource(), InstantSource.system(), settings);
            try (ServeProcess serve = started(settings)) {
                await().atMost(PATIENCE).until(() -> state(serve).equals("running"));

                control.pause("bot", OPERATOR);

                await().atMost(PATIENCE).until(() -> state(serve).equals("paused"));
            }
            try (ServeProcess serve = started(settings)) {
                await().atMost(PATIENCE).until(() -> !state(serve).equals("starting"));
                assertThat(state(serve)).isEqualTo("paused");
                Instant resumed = Instant.now();

                control.resume("bot", OPERATOR);

                await().atMost(PATIENCE).until(() -> state(serve).equals("running"));
                await().atMost(PATIENCE).until(() -> commentedIn(sandbox, CHANNEL, resumed));
            }
        }
    }

    @Test
    void aCommandHeardByEveryProcessIsAppliedByTheOneHoldingTheLease() throws Exception {
        try (Sandbox sandbox = Sandbox.start(busyWorld(), List.of(CHANNEL), 0, Optional.empty());
                OpenAiTestServer llm = llm()) {
            Settings settings = settings(sandbox, llm, dataDir);
            AccountControl control = new JdbcAccountControl(db.dataSource(), InstantSource.system(), settings);
            try (ServeProcess first = started(settings)) {
                await().atMost(PATIENCE).until(() -> state(first).equals("running"));
                // a spam block the holder has loaded into its runner: only the holder may lift it
                control.pause("bot", OPERATOR);
                await().atMost(PATIENCE).until(() -> state(first).equals("paused"));
                db.run("update account_state set spam_block_until = now() + interval '6 hours', serious_streak = 3"
                        + " where account = 'bot'");
                db.run("insert into account_state (account, spam_block_until, serious_streak, updated_at)"
                        + " select 'bot', now() + interval '6 hours', 3, now() where not exists"
                        + " (select 1 from account_state where account = 'bot')");
                control.resume("bot", OPERATOR);
                await().atMost(PATIENCE).until(() -> state(first).equals("running") && account(first).hasNonNull("spam_block_until"));

                try (ServeProcess second = started(settings(sandbox, llm, otherDataDir))) {
                    await().atMost(PATIENCE).until(() -> state(second).equals("running elsewhere"));

                    long lift = ((Accepted) control.liftSpamBlock("bot", OPERATOR)).commandId();

                    await().atMost(PATIENCE).until(() -> appliedBy(lift).isPresent());
                    assertThat(appliedBy(lift)).contains(Files.readString(dataDir.resolve("instance-id")).strip());
                    await().atMost(PATIENCE).until(() -> !account(first).hasNonNull("spam_block_until"));
                    assertThat(query("select coalesce(spam_block_until::text, 'none') || ' ' || serious_streak from account_state"
                            + " where account = 'bot'")).isEqualTo("none 0");
                }
            }
        }
    }

    private Optional<String> appliedBy(long commandId) throws SQLException {
        return Optional.ofNullable(query("select applied_by from operator_command where id = " + commandId));
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
