package dev.marketolog.store.memory;

import dev.marketolog.engine.EngineStores;
import java.time.InstantSource;

/** The engine's stores kept in memory: fast and small, for simulate and tests. */
public final class InMemoryStores {

    private InMemoryStores() {}

    /** Stores whose leases run on {@code clock}, the engine's clock. */
    public static EngineStores create(InstantSource clock) {
        InMemoryLeaseStore leases = new InMemoryLeaseStore(clock);
        InMemoryAccountStateStore accountStates = new InMemoryAccountStateStore();
        InMemoryChannelStateStore channelStates = new InMemoryChannelStateStore();
        InMemoryJournal journal = new InMemoryJournal(leases, accountStates, channelStates);
        return new EngineStores(journal, accountStates, channelStates, leases, new InMemoryReviewStore(journal),
                new InMemorySeenPostStore());
    }
}
