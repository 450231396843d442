package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.config.ProcessSettings;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossStopAndStartInTheSameDataDir() throws SQLException {
        ProcessSettings settings = embeddedIn(dataDir);
        try (Database database = Database.open(settings)) {
            assertThat(database.embedded()).isTrue();
            update(database, "insert into account (name, created_at) values ('bot', '2026-01-02T03:04:05Z')");
        }
        try (Database database = Database.open(settings)) {
            assertThat(query(database, "select name || ' ' || created_at from account"))
                    .isEqualTo("bot 2026-01-02 03:04:05+00");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    }

    @Test
    void pingAnswersWhileTheServerRunsAndNotAfterItStops() {
        EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
        try (Database database = Database.connect(server.dsn())) {
            assertThat(database.ping()).isTrue();
            server.close();
            assertThat(database.ping()).isFalse();
        }
    }

    @Test
    void leavesTheServerOfALiveProcessAloneAndStopsItOnceThatProcessIsKilled() throws Exception {
        try (Database database = Database.open(embeddedIn(dataDir))) {
            update(database, "insert into account (name, created_at) values ('survivor', now())");
        }
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledProcess.class.getName(),
                dataDir.resolve("postgres").toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = other.inputReader()) {
            assertThat(output.lines().filter(KilledProcess.STARTED::equals).findFirst()).isPresent();
            assertThatThrownBy(() -> Database.open(embeddedIn(dataDir)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("another running process uses " + dataDir.resolve("postgres"));
        } finally {
            other.destroyForcibly().waitFor();
        }

        try (Database database = Database.open(embeddedIn(dataDir))) {
            assertThat(query(database, "select name from account")).isEqualTo("survivor");
        }
    }

    private static ProcessSettings embeddedIn(Path dataDir) {
        ProcessSettings defaults = ProcessSettings.defaults();
        return new ProcessSettings(defaults.httpHost(), defaults.httpPort(), java.util.Optional.empty(),
                defaults.redisUrl(), dataDir, defaults.adminToken(), defaults.logFormat(), defaults.llmMaxConcurrency(),
                defaults.fleetMaxAccountsPerPost(), defaults.fleetMinGap(), defaults.tdjsonPath(), defaults.journalRetention());
    }

    static void update(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    static String query(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
