package dev.marketolog.store.memory;

import dev.marketolog.engine.LeaseStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Leases in memory: enough for one process, which is all simulate and the tests have. */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Lease(String owner, Instant expiresAt) {}

    private final Map<String, Lease> leases = new HashMap<>();

    @Override
    public synchronized boolean acquire(String account, String owner, Instant now, Instant until) {
        Lease held = leases.get(account);
        if (held != null && !held.owner().equals(owner) && now.isBefore(held.expiresAt())) {
            return false;
        }
        leases.put(account, new Lease(owner, until));
        return true;
    }

    @Override
    public synchronized void release(String account, String owner) {
        leases.computeIfPresent(account, (a, held) -> held.owner().equals(owner) ? null : held);
    }
}
