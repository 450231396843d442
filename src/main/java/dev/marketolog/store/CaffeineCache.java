package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/** The in-process cache used when no REDIS_URL is given: bounded in size, each entry expiring after its own TTL. */
public final class CaffeineCache implements Cache {

    /** Cached LLM answers and lookups are small; this bounds the heap they take to a few megabytes. */
    private static final long MAX_ENTRIES = 10_000;

    private record Entry(String value, Duration ttl) {}

    private final com.github.benmanes.caffeine.cache.Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(Expiry.writing((String key, Entry entry) -> entry.ttl()))
            .build();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key)).map(Entry::value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, TtlCheck.positive(ttl)));
    }

    @Override
    public String state() {
        return "in-process";
    }
}
