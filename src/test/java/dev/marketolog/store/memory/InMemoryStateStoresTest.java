package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.StateStoresContract;

class InMemoryStateStoresTest extends StateStoresContract {
    @Override
    protected EngineStores emptyStores() {
        return InMemoryStores.create();
    }
}
