package dev.marketolog.notify;

/** A sink could not take a message; its text never holds a secret of the sink (the caller masks them). */
final class SinkException extends Exception {
    SinkException(String message) {
        super(message);
    }
}
