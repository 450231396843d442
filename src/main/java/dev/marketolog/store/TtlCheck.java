package dev.marketolog.store;

import java.time.Duration;

/** The one rule both cache adapters apply to a TTL. */
final class TtlCheck {
    private TtlCheck() {}

    static Duration positive(Duration ttl) {
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("cache TTL must be positive, was " + ttl);
        }
        return ttl;
    }
}
