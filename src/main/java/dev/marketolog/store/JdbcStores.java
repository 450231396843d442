package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import javax.sql.DataSource;

/** The engine's stores in PostgreSQL, as {@code serve} uses them. */
public final class JdbcStores {

    private JdbcStores() {}

    /** The stores of {@code serve}: the journal's tick reads on the connections that plan them once. */
    public static EngineStores create(Database database) {
        return create(database.dataSource(), database.plannedOnceReads());
    }

    /** The stores on one data source, each read planned for its values: where no {@link Database} is opened. */
    public static EngineStores create(DataSource dataSource) {
        return create(dataSource, dataSource);
    }

    /** The stores of one process: its journal and review queue share the fleet facts they both change. */
    private static EngineStores create(DataSource dataSource, DataSource reads) {
        FleetFacts facts = new FleetFacts();
        return new EngineStores(new JdbcJournal(dataSource, reads, facts), new JdbcAccountStateStore(dataSource),
                new JdbcChannelStateStore(dataSource), new JdbcLeaseStore(dataSource), new JdbcReviewStore(dataSource, facts),
                new JdbcSeenPostStore(dataSource));
    }
}
