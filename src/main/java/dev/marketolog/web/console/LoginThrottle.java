package dev.marketolog.web.console;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-in attempts (a wrong bearer token or a wrong token in the panel's login form) per client address: after
 * {@value #MAX_FAILURES} failures within {@link #WINDOW}, that address is refused until the oldest of them is a
 * {@link #WINDOW} old, whatever it sends, so guessing the token costs at least 12 seconds a guess. One instance is
 * shared by the API and the panel, so an address cannot double its guesses by using both.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses remembered at most (a bound on memory); past this, the one that failed least recently is forgotten. */
    private static final int MAX_ADDRESSES = 10_000;

    private final InstantSource clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public LoginThrottle(InstantSource clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before its next attempt counts, or empty when it may try now. */
    public synchronized Optional<Duration> refusedFor(String address) {
        Deque<Instant> recent = recent(address);
        if (recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW)));
    }

    /** Counts one failed attempt of {@code address}; returns its failures within the window, this one included. */
    public synchronized int recordFailure(String address) {
        Deque<Instant> recent = recent(address);
        recent.addLast(clock.instant());
        while (recent.size() > MAX_FAILURES) {
            recent.removeFirst();
        }
        failures.put(address, recent);
        return recent.size();
    }

    private Deque<Instant> recent(String address) {
        Deque<Instant> recent = failures.getOrDefault(address, new ArrayDeque<>());
        Instant windowStart = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
            recent.removeFirst();
        }
        return recent;
    }
}
