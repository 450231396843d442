package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import javax.sql.DataSource;

/** The engine's stores in PostgreSQL, as {@code serve} uses them. */
public final class JdbcStores {

    private JdbcStores() {}

    /** The stores of one process: its journal and review queue share the fleet facts they both change. */
    public static EngineStores create(DataSource dataSource) {
        FleetFacts facts = new FleetFacts();
        return new EngineStores(new JdbcJournal(dataSource, facts), new JdbcAccountStateStore(dataSource),
                new JdbcChannelStateStore(dataSource), new JdbcLeaseStore(dataSource), new JdbcReviewStore(dataSource, facts),
                new JdbcSeenPostStore(dataSource));
    }
}
