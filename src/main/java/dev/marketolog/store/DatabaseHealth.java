package dev.marketolog.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service last knew of its database, for {@code /health}: whether it answers and whether it keeps writes.
 * Statements that fail report here (see {@link Jdbc}), and a probe run every few seconds by {@link Database} finds a
 * read-only database and the end of an outage. Each change is logged once: a warning when an outage starts, one line when it ends.
 */
public final class DatabaseHealth {

    /** The database as {@code /health} names it. */
    public enum State {
        UP("up"),
        /** It answers, but refuses writes: a read-only transaction default, a standby. */
        READ_ONLY("read-only"),
        /** It answers, but cannot keep writes: disk full, an I/O error, a revoked permission. */
        DEGRADED("degraded"),
        DOWN("down");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    /** A probe must answer quickly: a database slower than this is as good as down for the accounts. */
    static final int PROBE_TIMEOUT_SECONDS = 2;

    private final String where;
    private final InstantSource clock;
    private volatile State state = State.UP;
    /** Once the pool is closed, failures are the stop's, not an outage. */
    private volatile boolean closed;
    private Instant since;

    DatabaseHealth(String where, InstantSource clock) {
        this.where = where;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** The last known state; never waits for the database. */
    public State state() {
        return state;
    }

    /** A statement failed: an outage of a known kind changes the state; anything else is the caller's to report. */
    void failed(String what, SQLException e) {
        switch (SqlFailure.of(e)) {
            case UNREACHABLE -> moveTo(State.DOWN, "cannot " + what + ": " + e.getMessage());
            case READ_ONLY -> moveTo(State.READ_ONLY, "cannot " + what + ": " + e.getMessage());
            case WRITES_REFUSED -> moveTo(State.DEGRADED, "cannot " + what + ": " + e.getMessage());
            case POOL_BUSY, UNEXPECTED -> {} // a busy pool says nothing of the database: it answered the others
        }
    }

    /**
     * Asks the database whether its transactions are read-only (a read-only default, a standby) and, while it refused
     * writes, for a small committed write (a temporary table: a commit needs the write-ahead log, so a full disk still
     * fails it).
     */
    void probe(DataSource pool) {
        State before = state;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            if (readOnly(statement)) {
                moveTo(State.READ_ONLY, "its transactions are read-only: default_transaction_read_only, or a standby");
                return;
            }
            if (before == State.READ_ONLY || before == State.DEGRADED) {
                connection.setAutoCommit(false);
                statement.execute("create temporary table marketolog_write_probe (at timestamptz) on commit drop");
                statement.execute("insert into marketolog_write_probe values (now())");
                connection.commit();
            }
            moveTo(State.UP, "");
        } catch (SQLException e) {
            if (closed) {
                return; // the pool closed under the probe
            }
            if (SqlFailure.of(e) == SqlFailure.UNEXPECTED) {
                log.warn("Database probe at {} failed unexpectedly", where, e);
            }
            failed("answer a probe", e);
        }
    }

    private static boolean readOnly(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("select current_setting('transaction_read_only')")) {
            return row.next() && row.getString(1).equals("on");
        }
    }

    /** The pool was closed: down from now on, without a warning (the service is stopping). */
    void closed() {
        closed = true;
        state = State.DOWN;
    }

    private synchronized void moveTo(State next, String reason) {
        State previous = state;
        if (next == previous || closed) {
            return;
        }
        Instant now = clock.instant();
        Duration lasted = Duration.between(since, now);
        state = next;
        since = now;
        switch (next) {
            case UP -> log.info("Database at {} {} again after {} s", where,
                    previous == State.DOWN ? "answers" : "accepts writes", lasted.toSeconds());
            case DOWN -> log.warn("Database at {} does not answer ({}); /health reports it until it is back", where, reason);
            case READ_ONLY -> log.warn("Database at {} is read-only ({}); /health reports it until writes succeed", where, reason);
            case DEGRADED -> log.warn("Database at {} refuses writes ({}); /health reports it until writes succeed", where, reason);
        }
    }
}
