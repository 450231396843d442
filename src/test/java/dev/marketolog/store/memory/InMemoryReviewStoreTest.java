package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.ReviewStoreContract;
import java.time.InstantSource;

class InMemoryReviewStoreTest extends ReviewStoreContract {
    @Override
    protected EngineStores emptyStores() {
        return InMemoryStores.create(InstantSource.fixed(T0));
    }
}
