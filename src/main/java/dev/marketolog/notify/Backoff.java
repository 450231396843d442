package dev.marketolog.notify;

import java.time.Duration;

/** When a failed notification is tried again: 5 s after the first failure, doubling up to 10 minutes. */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration LAST = Duration.ofMinutes(10);

    private Backoff() {}

    /** The pause after the {@code failures}-th failure in a row (1 for the first). */
    static Duration after(int failures) {
        Duration pause = FIRST;
        for (int i = 1; i < failures && pause.compareTo(LAST) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(LAST) > 0 ? LAST : pause;
    }
}
