package dev.marketolog.engine;

import java.time.Duration;

/**
 * Rules across all our accounts.
 *
 * @param maxAccountsPerPost FLEET_MAX_ACCOUNTS_PER_POST: at most this many of our accounts under one post
 * @param minGap FLEET_MIN_GAP_SECONDS: at least this long between comments of two of our accounts in one channel
 */
public record FleetRules(int maxAccountsPerPost, Duration minGap) {
    public FleetRules {
        if (maxAccountsPerPost < 1) {
            throw new IllegalArgumentException("FLEET_MAX_ACCOUNTS_PER_POST must be at least 1, got " + maxAccountsPerPost);
        }
        if (minGap.isNegative()) {
            throw new IllegalArgumentException("FLEET_MIN_GAP_SECONDS must not be negative, got " + minGap.toSeconds());
        }
    }
}
