package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.EmbeddedRedis;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** doctor against the real libtdjson, a test PostgreSQL, the in-process cache or a Redis, and a local OpenAI-compatible server. */
@RequiresTdjson
class DoctorCommandTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Test
    void reportsEveryCheckOnItsOwnLineAndFailsWhileASessionIsMissing(@TempDir Path dir) throws Exception {
        CommandRun run;
        try (OpenAiTestServer llm = OpenAiTestServer.start().models("llama3.1:8b")) {
            Path env = CommandRun.accountEnvFile(dir, "POSTGRES_DSN=" + db.dsn().jdbcUrl(), "OPENAI_BASE_URL=" + llm.baseUrl(),
                    "OPENAI_API_KEY=local-key");
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());
        }

        List<String> lines = run.out().lines().toList();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.startsWith("ok    libtdjson: TDLib 1.8.65 from "))
                .anyMatch(l -> l.startsWith("ok    database: PostgreSQL at POSTGRES_DSN answers; schema version "))
                .anyMatch(l -> l.startsWith("ok    cache: in-process cache"))
                .anyMatch(l -> l.startsWith("ok    LLM http://127.0.0.1:") && l.contains("1 models, llama3.1:8b among them"))
                .anyMatch(l -> l.startsWith("FAIL  session bot1: no session yet under ")
                        && l.contains("run marketolog login --env-file "));
        assertThat(run.out()).doesNotContain("local-key").doesNotContain("00000000000000000000000000000000");
    }

    /** Passwords with every URL delimiter, and a server that echoes the key cut short: doctor's lines show none of them. */
    @Test
    void showsNoSecretInItsLinesOrLogs(@TempDir Path dir) throws Exception {
        String password = "Hq7 /?#@:%&=+Tz9";
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String key = "sk-OPENAIsecret-7f3a9c";
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CommandRun run;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (OpenAiTestServer llm = OpenAiTestServer.start()) {
            llm.modelsReply(OpenAiTestServer.Reply.error(401, "Incorrect API key provided: sk-OPENAIsec****7f3a9c.", "invalid_request_error",
                    "invalid_api_key"));
            Path env = CommandRun.accountEnvFile(dir,
                    "POSTGRES_DSN=postgresql://u:" + encoded + "@127.0.0.1:" + closed + "/db?sslpassword=" + encoded,
                    "REDIS_URL=redis://default:" + encoded + "@127.0.0.1:" + closed + "/0",
                    "OPENAI_BASE_URL=" + llm.baseUrl(), "OPENAI_API_KEY=" + key);
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());
        } finally {
            System.setErr(originalErr);
        }

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  database: PostgreSQL at POSTGRES_DSN", "FAIL  cache: Redis at REDIS_URL",
                "FAIL  LLM http://127.0.0.1:", "Incorrect API key provided: ****");
        for (String shown : List.of(run.out(), logs.toString(StandardCharsets.UTF_8))) {
            assertThat(shown).doesNotContain("Hq7", "Tz9", "sk-OPENAIsec", key);
        }
    }

    @Test
    void onlyLooksNoMigrationNoRedisWriteNothingCreatedUnderDataDir(@TempDir Path dir) throws Exception {
        DatabaseDsn empty = TestDatabase.createEmpty();
        CommandRun run;
        try (EmbeddedRedis redis = new EmbeddedRedis()) {
            Path env = CommandRun.accountEnvFile(dir, "POSTGRES_DSN=" + empty.jdbcUrl(), "REDIS_URL=" + redis.uri());
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());

            try (Jedis jedis = new Jedis(redis.uri())) {
                assertThat(jedis.dbSize()).as("keys written to Redis").isZero();
            }
            assertThat(tables(empty)).as("tables created in the database").isEmpty();
        } finally {
            TestDatabase.dropEmpty(empty);
        }

        assertThat(run.out()).contains("ok    database: PostgreSQL at POSTGRES_DSN answers; no schema yet")
                .contains("ok    cache: Redis at REDIS_URL answers");
        assertThat(Files.exists(dir.resolve("data"))).as("DATA_DIR created").isFalse();
    }

    @Test
    void anEmptyDataDirHasNoDatabaseYetAndStaysEmpty(@TempDir Path dir) throws Exception {
        Path env = CommandRun.accountEnvFile(dir);
        Files.createDirectories(dir.resolve("data"));

        CommandRun run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());

        assertThat(run.out()).contains("ok    database: embedded PostgreSQL: no database yet under " + dir.resolve("data/postgres"));
        try (Stream<Path> created = Files.list(dir.resolve("data"))) {
            assertThat(created).as("created under DATA_DIR").isEmpty();
        }
    }

    @Test
    void aSessionHeldByARunningServeIsReportedInUseAndNotOpened(@TempDir Path dir) throws Exception {
        Path env = CommandRun.accountEnvFile(dir, "POSTGRES_DSN=" + db.dsn().jdbcUrl());
        Optional<SessionLock> held = SessionLock.take(dir.resolve("data"), "bot1");
        assertThat(held).isPresent();
        CommandRun run;
        try (SessionLock lock = held.get()) {
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());
        }

        assertThat(run.out()).contains("ok    session bot1: in use by a running serve");
        assertThat(Files.exists(dir.resolve("data/sessions/bot1"))).as("session directory created").isFalse();
    }

    private static List<String> tables(DatabaseDsn dsn) throws Exception {
        try (Connection connection = DriverManager.getConnection(dsn.jdbcUrl());
                ResultSet rows = connection.createStatement().executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
