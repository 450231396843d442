package dev.marketolog.web;

import java.util.List;

/**
 * The body of {@code GET /health}.
 *
 * @param status   "up" when the database answers and the accounts could be read, else "down"
 * @param database "up" or "down"
 * @param cache    "up", "down" or "in-process"
 */
public record HealthReport(
        String status, String version, long uptimeSeconds, String database, String cache, List<AccountStatus> accounts) {

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
