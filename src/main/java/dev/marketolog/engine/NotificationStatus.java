package dev.marketolog.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * How the notifications fare, for the console: what waits, and the deliveries that failed since the start.
 *
 * @param waiting notifications due and not yet delivered to every sink
 * @param oldestWaitingSince when the oldest of them became due
 * @param deliveryFailures failed attempts (one a sink and batch) since the process started
 * @param lastFailure the last failure's reason, secrets masked
 */
public record NotificationStatus(long waiting, Optional<Instant> oldestWaitingSince, long deliveryFailures, Optional<String> lastFailure) {

    /** Reads the status; implemented by the delivery loop. */
    @FunctionalInterface
    public interface Source {
        NotificationStatus notificationStatus();
    }
}
