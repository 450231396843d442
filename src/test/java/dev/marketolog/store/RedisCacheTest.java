package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.marketolog.CapturedLog;
import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCacheTest extends CacheContractTest {

    @AutoClose
    final TestRedis redis = TestRedis.create();

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T08:00:00Z"));
    private final InstantSource clock = now::get;

    @RegisterExtension
    final CapturedLog logged = CapturedLog.of(RedisCache.class);



    @Override
    protected Cache newCache() {
        return new RedisCache(redis.uri(), redis.keyPrefix(), new SimpleMeterRegistry());
    }

    @Override
    protected String workingState() {
        return "up";
    }

    @Test
    void keepsItsKeysUnderItsPrefix() {
        try (Cache other = new RedisCache(redis.uri(), redis.keyPrefix() + "other:", new SimpleMeterRegistry())) {
            cache.put("key", "mine", Duration.ofHours(1));

            assertThat(other.get("key")).isEmpty();
        }
    }

    @Test
    void runsWithoutCacheWhileRedisIsDownAndCountsTheOutageOnce() {
        try (EmbeddedRedis server = new EmbeddedRedis();
                Cache cache = new RedisCache(server.uri(), redis.keyPrefix(), meters, clock)) {
            cache.put("kept", "before", Duration.ofHours(1));
            server.stop();

            cache.put("dropped", "during", Duration.ofHours(1));
            assertThat(cache.get("kept")).isEmpty();
            afterTheRetryPause();
            assertThat(cache.get("kept")).isEmpty();

            assertThat(cache.state()).isEqualTo("down");
            assertThat(outages()).isEqualTo(1);
            assertThat(logLevels()).containsExactly(Level.WARN);
        }
    }

    @Test
    void comesBackWhenRedisDoes() {
        try (EmbeddedRedis server = new EmbeddedRedis();
                Cache cache = new RedisCache(server.uri(), redis.keyPrefix(), meters, clock)) {
            server.stop();
            cache.put("key", "dropped", Duration.ofHours(1));
            server.start();

            assertThat(cache.state()).as("still pausing before the next try").isEqualTo("down");
            afterTheRetryPause();
            assertThat(cache.state()).isEqualTo("up");
            cache.put("key", "after", Duration.ofHours(1));
            assertThat(cache.get("key")).contains("after");

            server.stop();
            assertThat(cache.get("key")).isEmpty();
            assertThat(outages()).isEqualTo(2);
            assertThat(logLevels()).containsExactly(Level.WARN, Level.INFO, Level.WARN);
        }
    }

    @Test
    void whileAHungRedisIsRetriedOneCallerWaitsAndTheOthersSkipTheCacheAtOnce() throws Exception {
        try (SilentServer hung = SilentServer.start();
                Cache cache = new RedisCache(URI.create("redis://127.0.0.1:" + hung.port()), redis.keyPrefix(), meters, clock)) {
            assertThat(cache.get("key")).isEmpty(); // times out: Redis is down
            int triedBefore = hung.connections();
            afterTheRetryPause();

            Thread prober = Thread.ofVirtual().start(() -> cache.get("key"));
            await().until(() -> hung.connections() > triedBefore); // the probe is waiting on the hung server
            for (int i = 0; i < 5; i++) {
                assertThat(cache.get("key")).isEmpty();
                assertThat(cache.state()).isEqualTo("down");
            }
            prober.join();

            assertThat(hung.connections()).as("only the probe tried Redis").isEqualTo(triedBefore + 1);
            assertThat(outages()).isEqualTo(1);
        }
    }

    @Test
    void exportsTheOutageCounterForPrometheus() {
        try (Cache cache = new RedisCache(redis.uri(), redis.keyPrefix(), meters, clock)) {
            assertThat(meters.scrape()).contains("cache_outages_total 0.0");
        }
    }

    private void afterTheRetryPause() {
        now.updateAndGet(instant -> instant.plus(RedisCache.RETRY_AFTER));
    }

    private List<Level> logLevels() {
        return logged.events().stream().map(ILoggingEvent::getLevel).toList();
    }


    private double outages() {
        return meters.counter("cache.outages").count();
    }
}
