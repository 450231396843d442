package dev.marketolog.engine;

/** The stores the engine keeps its state in: in memory for simulate, JDBC for serve. */
public record EngineStores(Journal journal, AccountStateStore accountStates, ChannelStateStore channelStates, LeaseStore leases,
        ReviewStore reviews, SeenPostStore postsSeen) {}
