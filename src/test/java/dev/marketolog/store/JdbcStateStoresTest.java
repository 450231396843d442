package dev.marketolog.store;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.StateStoresContract;
import java.util.List;
import org.junit.jupiter.api.AutoClose;

class JdbcStateStoresTest extends StateStoresContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected EngineStores emptyStores() {
        EngineTables.reset(db.dataSource(), List.of("a", "b", "c"));
        return JdbcStores.create(db.dataSource());
    }
}
