package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.StateStoresContract;
import java.time.Instant;
import java.time.InstantSource;

class InMemoryStateStoresTest extends StateStoresContract {
    @Override
    protected EngineStores emptyStores() {
        return InMemoryStores.create(InstantSource.fixed(Instant.parse("2026-12-01T08:00:00Z")));
    }
}
