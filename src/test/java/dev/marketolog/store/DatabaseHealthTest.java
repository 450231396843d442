package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.marketolog.CapturedLog;
import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.StoreBusyException;
import dev.marketolog.engine.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The database's health as /health and the log see it, on the real PostgreSQL of the tests. */
class DatabaseHealthTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @RegisterExtension
    final CapturedLog logged = CapturedLog.of(DatabaseHealth.class);



    /** The JUnit timeout is a sanity bound: without driver timeouts the connect waits forever. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatAcceptsAndNeverAnswersFailsTheConnectWithItsAddress() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            DatabaseDsn dsn = new DatabaseDsn("jdbc:postgresql://127.0.0.1:" + silent.port() + "/app", "someone", Secret.NONE);

            assertThatThrownBy(() -> Database.connect(dsn))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + silent.port() + "/app");
            assertThat(silent.connections()).isPositive();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void doctorsLookAtAServerThatNeverAnswersGivesUpToo() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            DatabaseDsn dsn = new DatabaseDsn("jdbc:postgresql://127.0.0.1:" + silent.port() + "/app", "someone", Secret.NONE);

            assertThatThrownBy(() -> Database.look(dsn)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aWriteRefusedByAReadOnlyDatabaseMakesItReadOnlyWithOneWarning() {
        try (TestDatabase own = TestDatabase.create();
                Database readOnly = Database.connect(readOnly(own.dsn()))) {
            Jdbc jdbc = new Jdbc(readOnly.dataSource());
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> jdbc.update("add an account", "insert into account (name, created_at) values ('x', now())", s -> {}))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("cannot add an account");
            }

            assertThat(readOnly.health().state()).isEqualTo(DatabaseHealth.State.READ_ONLY);
            assertThat(readOnly.health().state().label()).isEqualTo("read-only");
            assertThat(logged.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("is read-only");
                assertThat(event.getThrowableProxy()).isNull();
            });
        }
    }

    @Test
    void aProbeFindsAReadOnlyDatabaseBeforeAnyWriteFails() {
        try (TestDatabase own = TestDatabase.create();
                Database readOnly = Database.connect(readOnly(own.dsn()))) {
            readOnly.health().probe(readOnly.dataSource());

            assertThat(readOnly.health().state()).isEqualTo(DatabaseHealth.State.READ_ONLY);
        }
    }

    @Test
    void whileWritesAreRefusedAProbeKeepsTheStateAndAWorkingDatabaseEndsIt() {
        try (TestDatabase own = TestDatabase.create();
                Database readOnly = Database.connect(readOnly(own.dsn()))) {
            DatabaseHealth health = new DatabaseHealth("test", InstantSource.system()); // probed by this test alone
            health.failed("save a comment", new SQLException("could not extend file: No space left on device", "53100"));
            assertThat(health.state()).isEqualTo(DatabaseHealth.State.DEGRADED);

            health.probe(readOnly.dataSource()); // the probe's write fails: still refusing writes
            assertThat(health.state()).isNotEqualTo(DatabaseHealth.State.UP);

            health.probe(db.dataSource()); // a database that takes writes
            assertThat(health.state()).isEqualTo(DatabaseHealth.State.UP);
        }
    }

    @Test
    void anOutageIsOneWarningWhenItStartsAndOneLineWhenItEnds() {
        try (Database database = Database.connect(db.dsn())) {
            DatabaseHealth health = new DatabaseHealth("test", InstantSource.system()); // probed by this test alone
            for (int i = 0; i < 50; i++) {
                health.failed("read the journal", new SQLException("An I/O error occurred while sending to the backend.", "08006"));
            }
            assertThat(health.state().label()).isEqualTo("down");

            health.probe(database.dataSource());

            assertThat(health.state().label()).isEqualTo("up");
            assertThat(logged.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
            assertThat(logged.events()).allMatch(event -> event.getThrowableProxy() == null);
            assertThat(logged.events().get(1).getFormattedMessage()).contains("answers again");
        }
    }

    @Test
    void aPoolWhoseConnectionsAreAllInUseIsBusyAndTheDatabaseStaysUpWithoutAWarning() throws Exception {
        try (Database database = Database.connect(db.dsn())) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < Database.POOL_SIZE; i++) {
                    held.add(database.dataSource().getConnection());
                }
                Jdbc jdbc = new Jdbc(database.dataSource());

                assertThatThrownBy(() -> jdbc.query("take a lease", "select 1", s -> {}, row -> row.getInt(1)))
                        .isInstanceOf(StoreBusyException.class)
                        .hasMessageContaining("cannot take a lease");
                database.health().probe(database.dataSource());

                assertThat(database.health().state()).isEqualTo(DatabaseHealth.State.UP);
                assertThat(logged.events()).isEmpty();
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void aPoolThatGaveUpWaitingBecauseItCannotConnectFindsTheDatabaseDown() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/app"); // nothing listens on port 1
        config.setUsername("someone");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(1000);
        try (HikariDataSource unreachable = new HikariDataSource(config)) {
            DatabaseHealth health = new DatabaseHealth("test", InstantSource.system()); // probed by this test alone

            health.probe(unreachable);

            assertThat(health.state()).isEqualTo(DatabaseHealth.State.DOWN);
        }
    }

    @Test
    void aStatementThatIsWrongIsUnexpectedAndLeavesTheDatabaseUp() {
        try (Database database = Database.connect(db.dsn())) {
            Jdbc jdbc = new Jdbc(database.dataSource());

            assertThatThrownBy(() -> jdbc.update("do something wrong", "insert into no_such_table values (1)", s -> {}))
                    .isInstanceOf(StoreException.class);
            assertThat(database.health().state()).isEqualTo(DatabaseHealth.State.UP);
        }
    }

    /** The same database, every connection in read-only mode (as after {@code default_transaction_read_only=on}). */
    private static DatabaseDsn readOnly(DatabaseDsn dsn) {
        String url = dsn.jdbcUrl() + (dsn.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20default_transaction_read_only%3Don";
        return new DatabaseDsn(url, dsn.user(), dsn.password());
    }

}
