package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
import dev.marketolog.web.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import dev.marketolog.store.SilentServer;
import dev.marketolog.store.StoreException;
import dev.marketolog.web.WebServerException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTdjson
class ServeProcessTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    @Test
    void servesHealthAndMetricsWithoutShowingOrLoggingASecret() throws Exception {
        Settings settings = SettingsLoader.load(
                List.of(), ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        HttpResponse<String> health;
        HttpResponse<String> metrics;
        try (ServeProcess process = new ServeProcess(settings)) {
            process.start();
            health = TestHttp.get(process.httpPort(), "/health");
            metrics = TestHttp.get(process.httpPort(), "/metrics");
        } finally {
            System.setErr(originalErr);
        }

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(health.body());
        assertThat(body.get("database").asText()).isEqualTo("up");
        assertThat(body.get("cache").asText()).isEqualTo("down");
        assertThat(body.get("accounts").get(0).get("name").asText()).isEqualTo("bot");
        assertThat(body.get("accounts").get(0).get("failures").asLong()).isZero();
        // no session was ever made in this DATA_DIR: TDLib asks for a phone number, so the account needs a login
        assertThat(body.get("accounts").get(0).get("state").asText()).isEqualTo("needs login");
        assertThat(body.get("accounts").get(0).get("telegram").get("authorization").asText()).isEqualTo("waitPhoneNumber");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("cache_outages_total")
                .contains("notify_backlog", "notify_delivery_failures_total{sink=\"webhook\"}", "notify_deliveries_total{sink=\"telegram_bot\"}");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("HTTP listening on");
        for (String secret : ServeEnvironment.SECRETS) {
            assertThat(health.body()).doesNotContain(secret);
            assertThat(metrics.body()).doesNotContain(secret);
            assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
        }
    }

    @Test
    void aDataDirThatIsAFileStopsTheStartNamingItAndWhy() throws Exception {
        Path file = Files.writeString(dataDir.resolve("data"), "not a directory");
        for (Path unusable : List.of(file, file.resolve("below"))) {
            Settings settings = SettingsLoader.load(
                    List.of(), ServeEnvironment.of(db, unusable, ServeEnvironment.freePort()), Purpose.SERVE);

            assertThatThrownBy(() -> new ServeProcess(settings).start())
                    .isInstanceOf(DataDirectory.Unusable.class)
                    .hasMessageContaining("DATA_DIR " + unusable)
                    .hasMessageContaining("not a directory");
        }
    }

    @Test
    void aTakenPortFailsTheStartBeforeTheDatabaseIsAsked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SilentServer database = SilentServer.start()) {
            Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, dataDir, taken.getLocalPort()));
            env.put("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:" + database.port() + "/app");
            Settings settings = SettingsLoader.load(List.of(), env, Purpose.SERVE);

            assertThatThrownBy(() -> new ServeProcess(settings).start())
                    .isInstanceOf(WebServerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            assertThat(database.connections()).as("connections to the database").isZero();
        }
    }

    /** The JUnit timeout is a sanity bound: without the driver's timeouts the start waits forever. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDatabaseThatAcceptsAndNeverAnswersFailsTheStart() throws Exception {
        try (SilentServer database = SilentServer.start()) {
            Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()));
            env.put("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:" + database.port() + "/app");
            Settings settings = SettingsLoader.load(List.of(), env, Purpose.SERVE);
            ServeProcess process = new ServeProcess(settings);

            assertThatThrownBy(process::start)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("127.0.0.1:" + database.port());
            assertThat(process.serving()).isFalse();
        }
    }

    @Test
    void aStopRequestedDuringTheStartStopsWhatStartedAndTheStartEnds() throws Exception {
        Settings settings = SettingsLoader.load(
                List.of(), ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
        ServeProcess process = new ServeProcess(settings);
        process.requestStop();

        assertThatThrownBy(process::start).isInstanceOf(ServeProcess.StartStopped.class);
        process.awaitStartEnded();
        process.awaitClosed();
        assertThat(process.serving()).isFalse();
    }

    @Test
    void healthReportsADatabaseThatTurnedReadOnlyWhileServing() throws Exception {
        try (TestDatabase own = TestDatabase.create()) {
            Settings settings = SettingsLoader.load(
                    List.of(), ServeEnvironment.of(own, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
            try (ServeProcess process = new ServeProcess(settings)) {
                process.start();
                assertThat(TestHttp.get(process.httpPort(), "/health").statusCode()).isEqualTo(200);

                makeReadOnly(own);

                HttpResponse<String> health = await().atMost(Duration.ofSeconds(60))
                        .until(() -> TestHttp.get(process.httpPort(), "/health"), r -> r.body().contains("\"read-only\""));
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(new ObjectMapper().readTree(health.body()).get("database").asText()).isEqualTo("read-only");
            }
        }
    }

    /** Read-only by default from now on, as a full disk's operator or a failover to a standby would leave it. */
    private static void makeReadOnly(TestDatabase database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.dsn().jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin execute format('alter database %I set default_transaction_read_only = on', current_database()); end $$");
            // the pool's connections keep their old mode: end them, so that the pool opens read-only ones
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        }
    }

    @Test
    void closeStopsTakingRequests() throws Exception {
        Settings settings = SettingsLoader.load(
                List.of(), ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
        ServeProcess process = new ServeProcess(settings);
        process.start();
        int port = process.httpPort();
        assertThat(TestHttp.get(port, "/health").statusCode()).isEqualTo(200);

        process.close();

        assertThatThrownBy(() -> TestHttp.get(port, "/health")).isInstanceOf(UncheckedIOException.class);
    }
}
