package dev.marketolog.config;

import java.io.Serial;

/** A value that does not parse; the message says what was expected, e.g. "a whole number ≥ 1". */
final class InvalidValueException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    InvalidValueException(String expected) {
        super(expected, null, false, false);
    }

    String expected() {
        return getMessage();
    }
}
