package dev.marketolog.config;

import java.time.Duration;

/**
 * REVIEW_MODE and REVIEW_TIMEOUT_MINUTES: whether drafts wait for an operator before they are sent, and how long at most.
 */
public record ReviewSettings(boolean enabled, Duration timeout) {
    public ReviewSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("REVIEW_TIMEOUT_MINUTES must be positive, got " + timeout);
        }
    }

    public static ReviewSettings defaults() {
        return new ReviewSettings(false, Duration.ofMinutes(120));
    }
}
