package dev.marketolog.engine;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Leases that keep an account running in at most one process. Thread-safe and atomic across processes. A lease's times
 * are on the store's own clock (the database's {@code now()}), so hosts whose clocks disagree still agree on who holds
 * it; each take of a lease gets a new, greater epoch, which the journal checks before a comment is sent.
 */
public interface LeaseStore {

    /**
     * Takes the account's lease for {@code owner} for {@code term}: when nobody holds it, the holder's has expired, or
     * {@code owner} holds it already (the same instance after a restart). Answers the new epoch, or empty when another
     * owner holds the lease.
     */
    OptionalLong take(String account, String owner, Duration term);

    /** Extends the lease {@code owner} took as {@code epoch} to {@code term} from now; false when it is no longer held. */
    boolean renew(String account, String owner, long epoch, Duration term);

    /** Gives the lease up if {@code owner} holds it: anyone may take it at once. */
    void release(String account, String owner);
}
