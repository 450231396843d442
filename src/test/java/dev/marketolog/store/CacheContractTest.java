package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Cache} adapter does; each adapter's test extends this suite. */
abstract class CacheContractTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MILLISECOND = Duration.ofMillis(1);

    protected Cache cache;

    /** A new, empty cache on the adapter under test. */
    protected abstract Cache newCache();

    /** What {@link Cache#state()} says while the backend works. */
    protected abstract String workingState();

    @BeforeEach
    void openCache() {
        cache = newCache();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @Test
    void missesAKeyNeverPut() {
        assertThat(cache.get("never-put")).isEmpty();
    }

    @Test
    void returnsWhatWasPut() {
        cache.put("greeting", "Привет, канал! 👋", HOUR);

        assertThat(cache.get("greeting")).contains("Привет, канал! 👋");
    }

    @Test
    void aSecondPutReplacesTheValue() {
        cache.put("key", "first", HOUR);
        cache.put("key", "second", HOUR);

        assertThat(cache.get("key")).contains("second");
    }

    @Test
    void eachEntryExpiresAfterItsOwnTtl() {
        cache.put("short", "gone soon", MILLISECOND);
        cache.put("long", "still here", HOUR);

        await().until(() -> cache.get("short").isEmpty());

        assertThat(cache.get("long")).contains("still here");
    }

    @Test
    void rejectsATtlThatIsNotPositive() {
        assertThatThrownBy(() -> cache.put("key", "value", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TTL");
        assertThat(cache.get("key")).isEmpty();
    }

    @Test
    void reportsItsWorkingState() {
        assertThat(cache.state()).isEqualTo(workingState());
    }
}
