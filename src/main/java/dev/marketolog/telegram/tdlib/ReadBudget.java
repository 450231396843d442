package dev.marketolog.telegram.tdlib;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A small token bucket that paces an account's history reads so reading never draws a flood wait: a burst of
 * {@code capacity} reads, then one every {@code refill}. {@link #reserve()} takes a token and says how long to wait for it.
 */
final class ReadBudget {

    private final int capacity;
    private final Duration refill;
    private final InstantSource clock;
    /** When the bucket will be full again if nothing more is taken; tokens = capacity - (fullAt - now) / refill. */
    private Instant fullAt;
    /** Until when a flood wait one of the reads drew holds every read back. */
    private Instant heldUntil = Instant.MIN;

    ReadBudget(int capacity, Duration refill, InstantSource clock) {
        if (capacity < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("a read budget needs capacity >= 1 and a positive refill, got " + capacity + ", " + refill);
        }
        this.capacity = capacity;
        this.refill = refill;
        this.clock = clock;
        this.fullAt = clock.instant();
    }

    /** The per-account default: 5 reads at once, then one every 2 s (30 a minute). */
    static ReadBudget perAccount(InstantSource clock) {
        return new ReadBudget(5, Duration.ofSeconds(2), clock);
    }

    /** Takes one read; the caller waits the returned time (zero when a token is there) before reading. */
    synchronized Duration reserve() {
        Instant now = clock.instant();
        Instant start = fullAt.isBefore(now) ? now : fullAt;
        fullAt = start.plus(refill);
        Duration wait = Duration.between(now, fullAt).minus(refill.multipliedBy(capacity));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * A read drew Telegram's flood wait: no read of the account is made until it is over (Telegram asks the account
     * to wait, whichever read it was). A shorter wait never shortens a longer one.
     */
    synchronized void hold(Duration wait) {
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    /** Whether a flood wait holds the reads back now: a read is then not made at all, rather than slept for. */
    synchronized boolean held() {
        return clock.instant().isBefore(heldUntil);
    }

    /** Takes one read, sleeping until it is allowed. */
    void take() {
        Duration wait = reserve();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
