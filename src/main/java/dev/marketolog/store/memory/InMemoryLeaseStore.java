package dev.marketolog.store.memory;

import dev.marketolog.engine.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Leases in memory, on the engine's clock (virtual in simulate and the tests), as the database keeps them on its own:
 * enough for the processes of one JVM, which is all simulate and the tests have.
 */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Lease(String owner, long epoch, Instant expiresAt) {}

    private final InstantSource clock;
    private final Map<String, Lease> leases = new HashMap<>();

    public InMemoryLeaseStore(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public synchronized OptionalLong take(String account, String owner, Duration term) {
        Instant now = clock.instant();
        Lease held = leases.get(account);
        if (held != null && !held.owner().equals(owner) && now.isBefore(held.expiresAt())) {
            return OptionalLong.empty();
        }
        long epoch = held == null ? 1 : held.epoch() + 1;
        leases.put(account, new Lease(owner, epoch, now.plus(term)));
        return OptionalLong.of(epoch);
    }

    @Override
    public synchronized boolean renew(String account, String owner, long epoch, Duration term) {
        Instant now = clock.instant();
        if (!holds(account, owner, epoch)) {
            return false;
        }
        leases.put(account, new Lease(owner, epoch, now.plus(term)));
        return true;
    }

    @Override
    public synchronized void release(String account, String owner) {
        leases.computeIfPresent(account, (a, held) -> held.owner().equals(owner) && clock.instant().isBefore(held.expiresAt())
                ? new Lease(owner, held.epoch(), clock.instant()) : held);
    }

    /** Whether the lease taken as {@code epoch} is still held now. */
    synchronized boolean holds(String account, long epoch) {
        Lease held = leases.get(account);
        return held != null && held.epoch() == epoch && clock.instant().isBefore(held.expiresAt());
    }

    private boolean holds(String account, String owner, long epoch) {
        return holds(account, epoch) && leases.get(account).owner().equals(owner);
    }
}
