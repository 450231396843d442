package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Optional;

/** Picks the cache adapter from configuration. */
public final class Caches {

    /** Keeps our keys apart from anything else kept in the same Redis. */
    public static final String KEY_PREFIX = "marketolog:";

    private Caches() {}

    /** Redis when REDIS_URL is given, else Caffeine in process. */
    public static Cache open(Optional<URI> redisUrl, MeterRegistry meters) {
        return redisUrl.<Cache>map(url -> new RedisCache(url, KEY_PREFIX, meters)).orElseGet(CaffeineCache::new);
    }
}
