package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.StateStoresContract;
import org.junit.jupiter.api.AutoClose;

class JdbcStateStoresTest extends StateStoresContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected EngineStores emptyStores() {
        EngineTables.reset(db.dataSource());
        return JdbcStores.create(db.dataSource());
    }
}
