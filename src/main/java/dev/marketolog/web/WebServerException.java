package dev.marketolog.web;

import java.io.Serial;

/** The HTTP server could not start; the message names the address and why. */
public final class WebServerException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public WebServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
