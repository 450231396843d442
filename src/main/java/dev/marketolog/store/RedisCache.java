package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cache on a Redis server (REDIS_URL). While Redis does not answer, {@code get} misses and {@code put} is dropped:
 * one warning and one count in {@code cache_outages_total} per outage, one info line when it is back. After a failure
 * the cache does not try Redis again for {@link #RETRY_AFTER}, so callers are never held up by a dead server for long.
 */
public final class RedisCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_CONNECTIONS = 16;

    private final JedisPool pool;
    private final String server;
    private final String keyPrefix;
    private final Counter outages;
    private final InstantSource clock;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile Instant retryAt = Instant.MIN;

    /** A cache on the Redis at {@code url} whose keys all start with {@code keyPrefix}. */
    public RedisCache(URI url, String keyPrefix, MeterRegistry meters) {
        this(url, keyPrefix, meters, InstantSource.system());
    }

    RedisCache(URI url, String keyPrefix, MeterRegistry meters, InstantSource clock) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(MAX_CONNECTIONS);
        config.setMaxWait(TIMEOUT);
        int timeout = (int) TIMEOUT.toMillis();
        this.pool = new JedisPool(config, url, timeout, timeout);
        // host and port only: the URL may carry a password
        this.server = url.getHost() + ":" + url.getPort();
        this.keyPrefix = keyPrefix;
        this.outages = Counter.builder("cache.outages")
                .description("Times the Redis cache stopped answering")
                .register(meters);
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return call(jedis -> jedis.get(keyPrefix + key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        long millis = TtlCheck.positive(ttl).toMillis();
        call(jedis -> jedis.psetex(keyPrefix + key, Math.max(1, millis), value));
    }

    /** "up" when Redis answers a PING now, "down" otherwise (at once while waiting to retry). */
    @Override
    public String state() {
        return call(Jedis::ping).isPresent() ? "up" : "down";
    }

    @Override
    public void close() {
        pool.close();
    }

    private <T> Optional<T> call(Function<Jedis, T> command) {
        if (down.get() && clock.instant().isBefore(retryAt)) {
            return Optional.empty();
        }
        try (Jedis jedis = pool.getResource()) {
            T result = command.apply(jedis);
            if (down.compareAndSet(true, false)) {
                log.info("Redis cache at {} is back", server);
            }
            return Optional.ofNullable(result);
        } catch (JedisException e) {
            retryAt = clock.instant().plus(RETRY_AFTER);
            if (down.compareAndSet(false, true)) {
                outages.increment();
                log.warn("Redis cache at {} is down, running without cache until it is back: {}", server, e.getMessage());
            }
            return Optional.empty();
        }
    }
}
