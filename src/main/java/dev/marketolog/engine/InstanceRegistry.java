package dev.marketolog.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The instances of {@code serve} that share one database, each with the accounts it can run. Thread-safe; its times
 * are the store's own clock, as the leases' are.
 */
public interface InstanceRegistry {

    /** How often each instance says it lives. */
    Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    /** An instance silent for this long is counted out (a lease it held still has to expire). */
    Duration LIVE_WITHIN = HEARTBEAT_EVERY.multipliedBy(3);

    /** Registers {@code self} as live now with the accounts it can run, replacing what it registered before. */
    void join(Instance self, Set<String> runnable);

    /**
     * Says that instance {@code id} lives now and reads the instances that said so within {@code liveWithin}, with who
     * holds which lease; empty when {@code id} is not registered (it must join again).
     */
    Optional<Roster> heartbeat(String id, Duration liveWithin);

    /** Takes instance {@code id} off the register: the others count it out at once. */
    void leave(String id);
}
