package dev.marketolog.web;

import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /health}.
 *
 * @param status   "up" when the database is up and the accounts could be read, else "down"
 * @param database "up", "down" (it does not answer), "read-only" or "degraded" (it answers but refuses writes)
 * @param cache    "up", "down" or "in-process"
 * @param instance this instance's id (DATA_DIR/instance-id): the accounts it runs are "running", those another
 *                 instance runs "running elsewhere"
 */
public record HealthReport(
        String status, String version, Optional<String> instance, long uptimeSeconds, String database, String cache,
        List<AccountStatus> accounts) {

    static final String UP = "up";
    static final String DOWN = "down";

    public HealthReport {
        accounts = List.copyOf(accounts);
    }

    /** Whether the process can do its work: it cannot without the database. */
    public boolean up() {
        return status.equals(UP);
    }
}
