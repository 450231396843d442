package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real instance killed with SIGKILL and started again on its DATA_DIR resumes its accounts at once, under its own lease. */
class InstanceRestartTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    @Test
    void anInstanceKilledWithSigkillTakesItsOwnLeaseBackAtOnceWhenRestarted() throws Exception {
        new AccountRepository(db.dataSource(), Instant::now).upsert("resumed");

        Process first = start("first.log");
        Lease before;
        try {
            before = lease();
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no release
        }

        Process second = start("second.log");
        try {
            Lease after = lease();
            assertThat(after.owner()).isEqualTo(before.owner()).startsWith("instance-");
            assertThat(after.epoch()).isEqualTo(before.epoch() + 1);
            assertThat(value("select now() < '" + before.expiresAt() + "'::timestamptz"))
                    .as("taken back while the killed process's lease still ran").isEqualTo("t");
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private record Lease(String owner, long epoch, String expiresAt) {}

    private Process start(String logName) throws IOException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + logName);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunningInstance.class.getName(),
                dataDir.toString(), db.dsn().jdbcUrl(), "resumed")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(process.isAlive()).as("the instance runs; its output:%n%s", read(log)).isTrue();
            return read(log).lines().anyMatch(RunningInstance.RUNNING::equals);
        });
        return process;
    }

    private static Lease lease() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select owner, epoch, expires_at from account_lease where account = 'resumed'")) {
            assertThat(row.next()).as("the account's lease").isTrue();
            return new Lease(row.getString(1), row.getLong(2), row.getString(3));
        }
    }

    private static String value(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
