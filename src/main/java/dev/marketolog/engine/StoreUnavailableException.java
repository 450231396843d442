package dev.marketolog.engine;

import java.io.Serial;

/**
 * A store could not be reached or refused a write (the database is down, read-only or full). Expected during an
 * outage, which the store's own health reports once: an account that meets it counts a failure without a stack trace.
 */
public class StoreUnavailableException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
