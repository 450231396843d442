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

    /** A Telegram message's longest text: the Bot API's and an account's own. */
    int TELEGRAM_CHARS = 4096;

    /**
     * The least time between two messages, as the service requires: about one a second for every sink we have (the Bot
     * API to a chat, an account's own messages, a webhook's usual limits).
     */
    default Duration minInterval() {
        return Duration.ofSeconds(1);
    }

    /** The longest message text the service takes. */
    int maxChars();

    /** Sends the batch as one message; throws when it may not have arrived, so it is sent again. */
    void send(List<Notification> batch) throws SinkException;
}
