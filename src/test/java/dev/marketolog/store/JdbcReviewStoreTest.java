package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.ReviewStoreContract;
import org.junit.jupiter.api.AutoClose;

class JdbcReviewStoreTest extends ReviewStoreContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected EngineStores emptyStores() {
        EngineTables.reset(db.dataSource());
        return JdbcStores.create(db.dataSource());
    }
}
