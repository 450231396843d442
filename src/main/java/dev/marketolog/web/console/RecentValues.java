package dev.marketolog.web.console;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values the console computes by aggregating weeks of journal (the chart's comments per day, the channels' analytics),
 * kept in memory and answered up to {@link #MAX_AGE} old. A request that finds a value older than {@link #REFRESH_AFTER}
 * still gets it and starts one recomputation on a virtual thread, so while someone keeps looking no request waits for
 * an aggregate; only a value nobody asked for in a minute (or never) is computed on the request, and its failure (the
 * database down) is then the request's. Ages are measured on the monotonic clock: the engine's clock may be virtual.
 * Thread-safe.
 */
public final class RecentValues<K, V> {

    /** The oldest value answered. */
    public static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** The age from which a request starts a recomputation. */
    public static final Duration REFRESH_AFTER = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(RecentValues.class);

    private record Computed<V>(V value, long atNanos) {}

    private final String what;
    private final Function<K, V> compute;
    private final LongSupplier nanoTime;
    private final Map<K, Computed<V>> values = new ConcurrentHashMap<>();
    private final Set<K> refreshing = ConcurrentHashMap.newKeySet();

    /** @param what what is computed, for the log ("the channels' analytics") */
    public RecentValues(String what, Function<K, V> compute) {
        this(what, compute, System::nanoTime);
    }

    RecentValues(String what, Function<K, V> compute, LongSupplier nanoTime) {
        this.what = what;
        this.compute = compute;
        this.nanoTime = nanoTime;
    }

    public V get(K key) {
        long now = nanoTime.getAsLong();
        // keys go stale as days pass (the chart's first day): forget whatever nobody asked for in a minute
        values.values().removeIf(computed -> now - computed.atNanos() > MAX_AGE.toNanos());
        Computed<V> known = values.get(key);
        if (known == null) {
            return computeNow(key).value();
        }
        if (now - known.atNanos() > REFRESH_AFTER.toNanos() && refreshing.add(key)) {
            Thread.ofVirtual().name("marketolog-console-refresh").start(() -> {
                try {
                    computeNow(key);
                } catch (RuntimeException e) {
                    log.warn("Cannot refresh {}; the next request past a minute will try again: {}", what, e.getMessage());
                } finally {
                    refreshing.remove(key);
                }
            });
        }
        return known.value();
    }

    private Computed<V> computeNow(K key) {
        long started = nanoTime.getAsLong();
        Computed<V> computed = new Computed<>(compute.apply(key), started);
        values.put(key, computed);
        return computed;
    }
}
