package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.JournalContract;
import java.time.InstantSource;

class InMemoryJournalTest extends JournalContract {
    @Override
    protected EngineStores emptyStores() {
        return InMemoryStores.create(InstantSource.fixed(T0));
    }
}
