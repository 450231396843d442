package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code operator_command} outbox: a row per command, written in the transaction of the change it carries, and a
 * notification on {@link #CHANNEL} that PostgreSQL sends when that transaction commits.
 */
final class OperatorCommands {

    /** The channel every serve listens on ({@link CommandFeed}). */
    static final String CHANNEL = "operator_command";

    /** The command that tells the processes an account's overrides changed. */
    static final String SETTINGS = "settings";

    private OperatorCommands() {}

    /**
     * Adds a command inside the caller's transaction and answers its id. Writers are serialised first, so rows commit in
     * the order of their ids and a reader that remembers the greatest id it saw misses none.
     */
    static long add(Connection connection, String account, String command, String args, Instant at) throws SQLException {
        Jdbc.query(connection, "select pg_advisory_xact_lock(hashtext('" + CHANNEL + "'))", s -> {}, row -> null);
        long id = Jdbc.query(connection, """
                insert into operator_command (account, command, args, created_at) values (?, ?, ?, ?) returning id""",
                s -> {
                    s.setString(1, account);
                    s.setString(2, command);
                    s.setString(3, args);
                    s.setTimestamp(4, timestamp(at));
                },
                row -> row.getLong(1)).getFirst();
        Jdbc.query(connection, "select pg_notify('" + CHANNEL + "', ?)", s -> s.setString(1, Long.toString(id)), row -> null);
        return id;
    }
}
