package dev.marketolog.store;

import dev.marketolog.engine.Journal;
import dev.marketolog.engine.JournalContract;
import java.util.List;
import org.junit.jupiter.api.AutoClose;

class JdbcJournalTest extends JournalContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected Journal emptyJournal() {
        EngineTables.reset(db.dataSource(), List.of("a", "b", "c"));
        return new JdbcJournal(db.dataSource());
    }
}
