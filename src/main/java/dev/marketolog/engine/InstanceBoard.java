package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The instances of {@code serve} that share the database as the console shows them: who lives and who runs what. */
public interface InstanceBoard {

    /** Every registered instance (a dead one stays until its id starts again) and the accounts waiting for one. */
    Instances read();

    /**
     * @param instances every registered instance, the oldest start first
     * @param waiting   accounts some live instance can run that no lease holds now: between an instance's death and
     *                  the takeover, or while a paused or failing account starts again
     */
    record Instances(List<InstanceStatus> instances, List<String> waiting) {
        public Instances {
            instances = List.copyOf(instances);
            waiting = List.copyOf(waiting);
        }
    }

    /**
     * One instance.
     *
     * @param self     it is the instance answering
     * @param live     it said it lives within the live window ({@link InstanceRegistry#LIVE_WITHIN}); a dead one's leases
     *                 still count until they expire
     * @param runnable how many accounts it can run (a ready session, or the sandbox)
     * @param running  the accounts whose unexpired lease it holds
     */
    record InstanceStatus(String id, String host, int httpPort, Instant startedAt, Instant heartbeatAt, boolean self,
            boolean live, int runnable, List<String> running) {
        public InstanceStatus {
            Objects.requireNonNull(id, "id");
            running = List.copyOf(running);
        }
    }
}
