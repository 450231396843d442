package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.engine.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    /** What pg_terminate_backend makes the driver say, wrapped as the store wraps it. */
    private static StoreException terminated() {
        return new StoreException("cannot migrate the database: Connection is closed",
                new RuntimeException(new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
    }

    @Test
    void aStepWhoseConnectionWasTerminatedIsTriedAgainAndSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = ConnectionLoss.retry("migrate", () -> {
            if (calls.incrementAndGet() < ConnectionLoss.ATTEMPTS) {
                throw terminated();
            }
            return "migrated";
        }, Duration.ZERO);

        assertThat(result).isEqualTo("migrated");
        assertThat(calls).hasValue(ConnectionLoss.ATTEMPTS);
    }

    @Test
    void aConnectionLostAtEveryAttemptEndsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> ConnectionLoss.retry("migrate", () -> {
            calls.incrementAndGet();
            throw terminated();
        }, Duration.ZERO)).isInstanceOf(StoreException.class).hasMessageContaining("Connection is closed");
        assertThat(calls).hasValue(ConnectionLoss.ATTEMPTS);
    }

    @Test
    void aConnectionClosedWhileThePoolOpensIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        String result = ConnectionLoss.retry("connect", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new StoreException("cannot connect", new SQLException("This connection has been closed.", "08003"));
            }
            return "connected";
        }, Duration.ZERO);

        assertThat(result).isEqualTo("connected");
    }

    @Test
    void aServerThatCannotBeReachedAtAllIsNotTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> ConnectionLoss.retry("connect", () -> {
            calls.incrementAndGet();
            throw new StoreException("cannot connect", new SQLException("Connection refused", "08001"));
        }, Duration.ZERO)).hasMessage("cannot connect");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> ConnectionLoss.retry("migrate", () -> {
            calls.incrementAndGet();
            throw new StoreException("cannot migrate", new SQLException("syntax error", "42601"));
        }, Duration.ZERO)).hasMessage("cannot migrate");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aConnectionTerminatedUnderAStatementIsAnOutageNotABug() {
        Jdbc jdbc = new Jdbc(db.dataSource());

        assertThatThrownBy(() -> jdbc.transaction("take the lease of a3", connection -> {
            terminate(backendPid(connection));
            return Jdbc.query(connection, "select 1", statement -> {}, row -> row.getInt(1));
        })).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("cannot take the lease of a3");
    }

    @Test
    void thePoolsClosedConnectionAfterATerminatedBackendCountsAsUnreachable() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            terminate(backendPid(connection));
            assertThatThrownBy(() -> connection.createStatement().execute("select 1")).isInstanceOf(SQLException.class);

            // the pool has now closed the connection: every later call says only "Connection is closed", no SQLSTATE
            assertThatThrownBy(connection::rollback).isInstanceOfSatisfying(SQLException.class, closed -> {
                assertThat(closed.getMessage()).isEqualTo("Connection is closed");
                assertThat(SqlFailure.of(closed)).isEqualTo(SqlFailure.UNREACHABLE);
            });
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** pg_terminate_backend from another connection, as the chaos harness does to serve's; waits until it has ended. */
    private static void terminate(int pid) throws SQLException {
        try (Connection other = db.dataSource().getConnection(); Statement statement = other.createStatement()) {
            statement.execute("select pg_terminate_backend(" + pid + ", 10000)");
        }
    }
}
