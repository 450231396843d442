package dev.marketolog.store.memory;

import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.AccountStateStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Account states in memory. */
public final class InMemoryAccountStateStore implements AccountStateStore {

    private final Map<String, AccountState> states = new ConcurrentHashMap<>();

    @Override
    public AccountState load(String account) {
        return states.getOrDefault(account, AccountState.FRESH);
    }

    @Override
    public void save(String account, AccountState state, Instant at) {
        states.put(account, state);
    }
}
