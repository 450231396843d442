package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import javax.sql.DataSource;

/** The engine's stores in PostgreSQL, as {@code serve} uses them. */
public final class JdbcStores {

    private JdbcStores() {}

    public static EngineStores create(DataSource dataSource) {
        return new EngineStores(new JdbcJournal(dataSource), new JdbcAccountStateStore(dataSource),
                new JdbcChannelStateStore(dataSource), new JdbcLeaseStore(dataSource), new JdbcReviewStore(dataSource),
                new JdbcSeenPostStore(dataSource));
    }
}
