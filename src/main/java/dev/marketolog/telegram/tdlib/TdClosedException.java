package dev.marketolog.telegram.tdlib;

/** The TDLib client is closed: its requests will never be answered. */
public final class TdClosedException extends RuntimeException {
    public TdClosedException(String message) {
        super(message);
    }
}
