package dev.marketolog.engine;

import java.util.Map;
import java.util.Set;

/**
 * The instances alive now and who holds which lease, as one heartbeat read them.
 *
 * @param live each live instance's id and the accounts it can run
 * @param holders each account whose lease has not expired, and the instance holding it
 */
public record Roster(Map<String, Set<String>> live, Map<String, String> holders) {

    public Roster {
        live = Map.copyOf(live);
        holders = Map.copyOf(holders);
    }
}
