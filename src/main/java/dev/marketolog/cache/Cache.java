package dev.marketolog.cache;

import java.time.Duration;
import java.util.Optional;

/** A small string cache (Redis or in process). It never throws: when the backend is down, {@code get} misses and {@code put} is dropped. */
public interface Cache extends AutoCloseable {
    Optional<String> get(String key);

    /** Stores {@code value} for {@code ttl}, which must be positive. */
    void put(String key, String value, Duration ttl);

    /** "up", "down" or "in-process", for /health. */
    String state();

    /** Releases the connections to the backend, if any. */
    @Override
    default void close() {}
}
