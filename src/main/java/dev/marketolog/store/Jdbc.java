package dev.marketolog.store;

import dev.marketolog.engine.StoreBusyException;
import dev.marketolog.engine.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The few JDBC moves the engine's adapters repeat: run a statement, read rows, hold a transaction. A failure tells the
 * database's health (when the pool is a {@link Database}'s) and is thrown as {@link StoreUnavailableException} when it
 * is an outage (unreachable, read-only, full), as {@link StoreException} when it is unexpected.
 */
final class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Optional<DatabaseHealth> health;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
        this.health = dataSource instanceof Database.Pool pool ? Optional.of(pool.health()) : Optional.empty();
    }

    // A single statement is a transaction of its own, so update and query run it without BEGIN and COMMIT around it:
    // one round trip to the database instead of two (a tick's journal reads and the lease renewals are most of them).

    /** Runs one insert, update or delete; answers the rows it touched. */
    int update(String what, String sql, Binder binder) {
        return connected(what, true, connection -> update(connection, sql, binder));
    }

    /** Runs one statement that answers rows. */
    <T> List<T> query(String what, String sql, Binder binder, RowReader<T> reader) {
        return connected(what, true, connection -> query(connection, sql, binder, reader));
    }

    <T> Optional<T> queryOne(String what, String sql, Binder binder, RowReader<T> reader) {
        return query(what, sql, binder, reader).stream().findFirst();
    }

    <T> T transaction(String what, Work<T> work) {
        return connected(what, false, work);
    }

    private <T> T connected(String what, boolean autoCommit, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(autoCommit);
            if (autoCommit) {
                return work.run(connection);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            health.ifPresent(h -> h.failed(what, e));
            String message = "cannot " + what + ": " + e.getMessage();
            throw switch (SqlFailure.of(e)) {
                case UNEXPECTED -> new StoreException(message, e);
                case POOL_BUSY -> new StoreBusyException(message, e);
                case UNREACHABLE, READ_ONLY, WRITES_REFUSED -> new StoreUnavailableException(message, e);
            };
        }
    }

    /**
     * Rolls back after {@code failure}; a rollback that fails too (the pool closes a connection whose server went
     * away, so the rollback then hears only "Connection is closed") is kept beside the failure, which says why.
     */
    static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    static <T> List<T> query(Connection connection, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Timestamp timestamp(Optional<Instant> instant) {
        return instant.map(Timestamp::from).orElse(null);
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }
}
