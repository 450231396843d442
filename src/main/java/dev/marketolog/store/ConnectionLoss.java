package dev.marketolog.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an idempotent step of the start (connecting, migrating, registering the accounts) when the database dropped its
 * connection under it (a terminated backend, a server restarting): the pool hands out a new connection, so a short
 * retry is all it takes, where giving up would end the whole start. Any other failure is thrown at once.
 */
public final class ConnectionLoss {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLoss.class);

    static final int ATTEMPTS = 3;
    private static final Duration PAUSE = Duration.ofSeconds(1);
    /** SQLSTATEs of a connection that could not be made or was refused by the server. */
    private static final Set<String> NEVER_CONNECTED = Set.of("08001", "08004");

    private ConnectionLoss() {}

    /** Runs {@code step}, again up to {@link #ATTEMPTS} in all while it fails because the connection was lost. */
    public static <T> T retry(String what, Supplier<T> step) {
        return retry(what, step, PAUSE);
    }

    static <T> T retry(String what, Supplier<T> step, Duration pause) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostConnection(e)) {
                    throw e;
                }
                log.warn("{}: the database connection was lost ({}); trying again ({} of {})", what,
                        e.getMessage(), attempt + 1, ATTEMPTS);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether an SQL failure in the chain says the server dropped a connection it had taken: not one that cannot be
     * reached at all (08001, 08004), where trying again only makes a wrong address wait three times as long.
     */
    static boolean lostConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SqlFailure.of(sql) == SqlFailure.UNREACHABLE
                    && !NEVER_CONNECTED.contains(String.valueOf(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
