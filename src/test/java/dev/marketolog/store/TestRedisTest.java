package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class TestRedisTest {

    @Test
    void closeDeletesOnlyTheKeysUnderItsPrefix() {
        TestRedis mine = TestRedis.create();
        try (TestRedis other = TestRedis.create(); Jedis jedis = new Jedis(mine.uri())) {
            jedis.set(mine.keyPrefix() + "a", "1");
            jedis.set(other.keyPrefix() + "a", "2");

            mine.close();

            assertThat(jedis.get(mine.keyPrefix() + "a")).isNull();
            assertThat(jedis.get(other.keyPrefix() + "a")).isEqualTo("2");
        }
    }
}
