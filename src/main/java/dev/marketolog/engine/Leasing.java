package dev.marketolog.engine;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Who this process is to the lease store, and how long its leases last: renewed every two fifths of the term, tried
 * again every fifth after a failed renewal, and given up a fifth of the term before they could expire.
 *
 * @param owner the instance's stable identity, so a restarted process resumes its own accounts at once
 */
public record Leasing(String owner, Duration term) {

    /** Five minutes, renewed every two. */
    public static final Duration TERM = Duration.ofMinutes(5);

    public Leasing {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("a lease owner must not be blank");
        }
        if (term.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a lease term must be at least 1 s, not " + term);
        }
    }

    /** An owner of its own for a process that keeps no identity (simulate, tests), with the usual term. */
    public static Leasing anonymous(RandomGenerator random) {
        return new Leasing("fleet-" + HexFormat.of().toHexDigits(random.nextLong()), TERM);
    }

    // in nanoseconds: Duration.dividedBy goes through BigDecimal, and a simulated week renews leases 250,000 times
    Duration renewEvery() {
        return Duration.ofNanos(term.toNanos() * 2 / 5);
    }

    Duration retryEvery() {
        return Duration.ofNanos(term.toNanos() / 5);
    }

    /** How long before the lease could expire the account stops: time to withdraw a send in flight. */
    Duration margin() {
        return Duration.ofNanos(term.toNanos() / 5);
    }
}
