package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How the notifications fare, for the console: the sinks, what waits, and the deliveries that failed since the start.
 *
 * @param sinks every configured sink, in the order they are sent to; none when notifications are off
 * @param waiting notifications due and not yet delivered to every sink
 * @param oldestWaitingSince when the oldest of them became due
 * @param deliveryFailures failed attempts (one a sink and batch) since the process started
 * @param lastFailure the last failure's reason, secrets masked
 */
public record NotificationStatus(List<SinkStatus> sinks, long waiting, Optional<Instant> oldestWaitingSince,
        long deliveryFailures, Optional<String> lastFailure) {

    /** No sink configured, nothing sent. */
    public static final NotificationStatus OFF = new NotificationStatus(List.of(), 0, Optional.empty(), 0, Optional.empty());

    public NotificationStatus {
        sinks = List.copyOf(sinks);
    }

    /** Whether any sink is configured. */
    public boolean on() {
        return !sinks.isEmpty();
    }

    /**
     * One sink: its kind (never its address or token) and its messages since the start.
     *
     * @param kind e.g. {@code webhook (slack)}, {@code telegram_bot}, {@code saved_messages}
     * @param lastFailure the reason its last message failed, secrets masked
     */
    public record SinkStatus(String kind, long deliveries, long failures, Optional<String> lastFailure) {}

    /** Reads the status; implemented by the delivery loop. */
    @FunctionalInterface
    public interface Source {
        NotificationStatus notificationStatus();
    }
}
