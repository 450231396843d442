package dev.marketolog.store;

/** The database could not be started, reached or migrated; the message says which and where (never a password). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
