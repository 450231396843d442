package dev.marketolog.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** What a failed statement says about the database, from its SQLSTATE: the expected kinds of outage, or a bug. */
enum SqlFailure {
    /** The server cannot be reached, went away, or did not answer in time. */
    UNREACHABLE,
    /**
     * The pool gave up waiting for a free connection while the server answers: every connection was in use (HikariCP
     * then names no cause; when it could not connect, the cause is that failure). Not an outage.
     */
    POOL_BUSY,
    /** The server answers but is in read-only mode (a read-only default, a standby). */
    READ_ONLY,
    /** The server answers but cannot keep a write: disk full, out of memory, an I/O error, permission revoked. */
    WRITES_REFUSED,
    /** Anything else: a bug in a statement or a broken invariant, worth a stack trace. */
    UNEXPECTED;

    private static final String CLOSED_BY_POOL = "Connection is closed";

    static SqlFailure of(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            // the pool gave up waiting for a connection: for lack of a free one, or because it could not open one
            return e.getCause() instanceof SQLException ? UNREACHABLE : POOL_BUSY;
        }
        if (e.getSQLState() == null && CLOSED_BY_POOL.equals(e.getMessage())) {
            // HikariCP evicted the connection after the server dropped it and answers any later call so, without a SQLSTATE
            return UNREACHABLE;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("57014")) {
            // connection exceptions, administrator or crash shutdown, the server starting up, a query timed out
            return UNREACHABLE;
        }
        if (state.equals("25006")) {
            return READ_ONLY;
        }
        if (state.startsWith("53") || state.startsWith("58") || state.equals("42501")) {
            return WRITES_REFUSED;
        }
        return UNEXPECTED;
    }
}
