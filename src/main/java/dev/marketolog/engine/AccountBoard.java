package dev.marketolog.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The stored state of many accounts read at once, for the console's overview of a fleet of hundreds: a few queries
 * for all accounts rather than a few for each. Implementations are thread-safe.
 */
public interface AccountBoard {

    /** Per account, the journal rows that count against its limits at or after its given time (0 when none). */
    Map<String, Integer> countedSince(Map<String, Instant> since);

    /** The spam guard's state of each account that has one stored. */
    Map<String, AccountState> accountStates(Collection<String> accounts);

    /** Each account's banned or held channels, by channel id. */
    Map<String, Map<Long, ChannelState>> channelStates(Collection<String> accounts);
}
