package dev.marketolog.engine;

import java.time.Instant;

/** Leases that keep an account running in at most one process. Thread-safe and atomic across processes. */
public interface LeaseStore {

    /**
     * Takes or extends the account's lease for {@code owner} until {@code until}; succeeds when nobody holds it, the
     * holder's lease has expired at {@code now}, or {@code owner} holds it already.
     */
    boolean acquire(String account, String owner, Instant now, Instant until);

    /** Gives the lease up if {@code owner} holds it. */
    void release(String account, String owner);
}
