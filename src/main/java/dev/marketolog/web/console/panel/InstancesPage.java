package dev.marketolog.web.console.panel;

import dev.marketolog.engine.InstanceBoard.InstanceStatus;
import dev.marketolog.engine.InstanceBoard.Instances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The instances page: each {@code serve} on the database, the accounts it runs, and the accounts waiting for one. */
public record InstancesPage(Instances instances, Instant now, long liveWithinSeconds, String csrf) {

    /** Seconds since {@code instance} last said it lives. */
    public long heardSecondsAgo(InstanceStatus instance) {
        return Math.max(0, Duration.between(instance.heartbeatAt(), now).toSeconds());
    }

    /** Accounts run by all live instances together. */
    public int runningLive() {
        return instances.instances().stream().filter(InstanceStatus::live).mapToInt(i -> i.running().size()).sum();
    }

    public List<InstanceStatus> rows() {
        return instances.instances();
    }
}
