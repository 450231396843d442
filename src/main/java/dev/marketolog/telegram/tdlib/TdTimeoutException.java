package dev.marketolog.telegram.tdlib;

/** TDLib did not answer a request within its timeout. */
public final class TdTimeoutException extends RuntimeException {
    public TdTimeoutException(String message) {
        super(message);
    }
}
