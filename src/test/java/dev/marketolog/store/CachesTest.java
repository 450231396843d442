package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class CachesTest {

    @AutoClose
    static final TestRedis redis = TestRedis.create();

    @Test
    void withoutRedisUrlTheCacheIsInProcess() {
        try (Cache cache = Caches.open(Optional.empty(), new SimpleMeterRegistry())) {
            assertThat(cache).isInstanceOf(CaffeineCache.class);
        }
    }

    @Test
    void withRedisUrlTheCacheIsRedisWithKeysUnderTheMarketologPrefix() {
        String key = redis.keyPrefix() + "factory";
        try (Cache cache = Caches.open(Optional.of(redis.uri()), new SimpleMeterRegistry());
                Jedis jedis = new Jedis(redis.uri())) {
            cache.put(key, "from the factory", Duration.ofMinutes(1));

            assertThat(jedis.getDel(Caches.KEY_PREFIX + key)).isEqualTo("from the factory");
        }
    }
}
