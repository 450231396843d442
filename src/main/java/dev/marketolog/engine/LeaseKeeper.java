package dev.marketolog.engine;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's lease: taken at start, renewed on its own timetable (never behind the account's lock, which a long LLM
 * call or send holds), and reported lost, a margin before it could expire, when it cannot be renewed. Its times are on
 * the engine's clock: a lease surely lasts a term from the moment it was asked for, whatever the store's clock says.
 */
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** A lease held: its epoch, and until when this process stops using it. */
    private record Held(long epoch, Instant stopAt) {}

    private final String account;
    private final Leasing leasing;
    private final LeaseStore store;
    private final EngineClock clock;
    private final Runnable lost;
    private final Consumer<RuntimeException> failed;

    private Held held;
    private EngineClock.Scheduled renewal;
    private EngineClock.Scheduled deadline;

    /**
     * @param lost called once when a held lease is lost (from the renewal's thread, not the account's)
     * @param failed told of each renewal that failed for an error
     */
    LeaseKeeper(String account, Leasing leasing, LeaseStore store, EngineClock clock, Runnable lost, Consumer<RuntimeException> failed) {
        this.account = account;
        this.leasing = leasing;
        this.store = store;
        this.clock = clock;
        this.lost = lost;
        this.failed = failed;
    }

    /** Takes the lease (a new epoch); answers whether this process holds it now. Renewals run from then on. */
    boolean take() {
        Instant asked = clock.instant();
        OptionalLong epoch = store.take(account, leasing.owner(), leasing.term());
        if (epoch.isEmpty()) {
            return false;
        }
        synchronized (this) {
            hold(new Held(epoch.getAsLong(), stopAt(asked)));
        }
        return true;
    }

    /** The epoch of the lease while this process may still use it at {@code now}; empty when it holds none. */
    synchronized OptionalLong epoch(Instant now) {
        return held != null && now.isBefore(held.stopAt()) ? OptionalLong.of(held.epoch()) : OptionalLong.empty();
    }

    /** Whether this process holds the lease now (taken, and neither given up nor lost). */
    synchronized boolean holds() {
        return held != null;
    }

    /** Another process holds the lease, as the store says: it is lost at once, without waiting for a renewal to fail. */
    void takenElsewhere() {
        Held current;
        synchronized (this) {
            current = held;
        }
        if (current != null) {
            lose(current, "another process holds it");
        }
    }

    /** Stops renewing and gives the lease up, so that another process may take the account at once. */
    void release() {
        synchronized (this) {
            if (held == null) {
                return;
            }
            forget();
        }
        store.release(account, leasing.owner());
    }

    private void hold(Held next) {
        cancelTimers();
        held = next;
        renewal = clock.schedule(clock.instant().plus(leasing.renewEvery()), this::renew);
        deadline = clock.schedule(next.stopAt(), () -> lose(next, "it could not be renewed in time"));
    }

    private void renew() {
        Held current;
        synchronized (this) {
            current = held;
        }
        if (current == null) {
            return;
        }
        Instant asked = clock.instant();
        boolean renewed;
        try {
            renewed = store.renew(account, leasing.owner(), current.epoch(), leasing.term());
        } catch (RuntimeException e) {
            failed.accept(e);
            synchronized (this) {
                if (held == current) {
                    // the deadline stays: it fires if no retry succeeds in time
                    renewal = clock.schedule(asked.plus(leasing.retryEvery()), this::renew);
                }
            }
            return;
        }
        if (!renewed) {
            lose(current, "another process took it");
            return;
        }
        synchronized (this) {
            if (held == current) {
                hold(new Held(current.epoch(), stopAt(asked)));
            }
        }
    }

    private void lose(Held which, String why) {
        synchronized (this) {
            if (held != which) {
                return;
            }
            forget();
        }
        log.warn("account {}: its lease is lost: {}", account, why);
        lost.run();
    }

    private void forget() {
        cancelTimers();
        held = null;
    }

    private void cancelTimers() {
        if (renewal != null) {
            renewal.cancel();
        }
        if (deadline != null) {
            deadline.cancel();
        }
        renewal = null;
        deadline = null;
    }

    private Instant stopAt(Instant asked) {
        return asked.plus(leasing.term()).minus(leasing.margin());
    }
}
