package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.tdlib.TdObject.TdError;

/** TDLib answered a request with an {@code error}. */
public final class TdException extends RuntimeException {
    private final TdError error;

    public TdException(String request, TdError error) {
        super(request + " failed: " + error.code() + " " + error.message());
        this.error = error;
    }

    public TdError error() {
        return error;
    }
}
