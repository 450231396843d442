package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The console's aggregates kept up to a minute: computed on a request only when missing or too old, else refreshed behind it. */
class RecentValuesTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger computed = new AtomicInteger();
    private final RecentValues<String, String> values = new RecentValues<>("test counts",
            key -> key + " #" + computed.incrementAndGet(), nanos::get);

    private void pass(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aValueIsComputedOnceForEachKeyAndThenAnsweredFromMemory() {
        assertThat(values.get("a")).isEqualTo("a #1");
        pass(Duration.ofSeconds(19));
        assertThat(values.get("a")).isEqualTo("a #1");
        assertThat(values.get("b")).isEqualTo("b #2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void aRequestPastTwentySecondsGetsTheKnownValueAndTheNextOneTheRecomputedOne() {
        values.get("a");
        pass(Duration.ofSeconds(21));

        assertThat(values.get("a")).isEqualTo("a #1");
        await().atMost(Duration.ofSeconds(10)).until(() -> values.get("a").equals("a #2"));
        assertThat(computed).hasValue(2);
    }

    @Test
    void aValueOlderThanAMinuteIsNeverAnsweredButComputedOnTheRequest() {
        values.get("a");
        pass(RecentValues.MAX_AGE.plusSeconds(1));

        assertThat(values.get("a")).isEqualTo("a #2");
    }

    @Test
    void aFailureWithoutAKnownValueIsTheRequests() {
        RecentValues<String, String> failing = new RecentValues<>("test counts", key -> {
            throw new IllegalStateException("database down");
        }, nanos::get);

        assertThatThrownBy(() -> failing.get("a")).hasMessage("database down");
    }

    @Test
    void aFailedRefreshKeepsTheKnownValueUntilItIsAMinuteOld() {
        AtomicInteger calls = new AtomicInteger();
        RecentValues<String, String> flaky = new RecentValues<>("test counts", key -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
            }
            return "first";
        }, nanos::get);
        flaky.get("a");
        pass(Duration.ofSeconds(30));

        assertThat(flaky.get("a")).isEqualTo("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
        assertThat(flaky.get("a")).isEqualTo("first");
        pass(Duration.ofSeconds(31));
        assertThatThrownBy(() -> flaky.get("a")).hasMessage("database down");
    }
}
