package dev.marketolog.config;

import java.time.Duration;

/** SPAMBLOCK_* and FLOOD_WAIT_SERIOUS_SECONDS. */
public record SpamGuardSettings(
        Duration minCooldown,        // SPAMBLOCK_MIN_COOLDOWN_SECONDS
        Duration maxCooldown,        // SPAMBLOCK_MAX_COOLDOWN_SECONDS
        int errorThreshold,          // SPAMBLOCK_ERROR_THRESHOLD
        Duration floodWaitSerious) { // FLOOD_WAIT_SERIOUS_SECONDS: longer flood waits count as serious errors

    public static SpamGuardSettings defaults() {
        return new SpamGuardSettings(Duration.ofSeconds(3600), Duration.ofSeconds(86400), 3, Duration.ofSeconds(300));
    }
}
