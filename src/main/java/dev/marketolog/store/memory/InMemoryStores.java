package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;

/** The engine's stores kept in memory: fast and small, for simulate and tests. */
public final class InMemoryStores {

    private InMemoryStores() {}

    public static EngineStores create() {
        return new EngineStores(new InMemoryJournal(), new InMemoryAccountStateStore(), new InMemoryChannelStateStore(), new InMemoryLeaseStore());
    }
}
