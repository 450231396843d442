package dev.marketolog.notify;

import dev.marketolog.engine.Notification;
import java.time.Duration;
import java.util.List;

/** Somewhere notifications go. One call is one message; a sink never gets more than one call per {@link #minInterval()}. */
interface Sink {

    /** Its stable name in the outbox's record of who has what, and in metrics. */
    String name();

    /** What it is, for the console: never its address or token. */
    default String kind() {
        return name();
    }

    /** The least time between two messages, as the service requires (the Bot API: about one a second to a chat). */
    Duration minInterval();

    /** The longest message text the service takes. */
    int maxChars();

    /** Sends the batch as one message; throws when it may not have arrived, so it is sent again. */
    void send(List<Notification> batch) throws SinkException;
}
