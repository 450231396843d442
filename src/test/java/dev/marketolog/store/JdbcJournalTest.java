package dev.marketolog.store;

import dev.marketolog.engine.Journal;
import dev.marketolog.engine.JournalContract;
import org.junit.jupiter.api.AutoClose;

class JdbcJournalTest extends JournalContract {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Override
    protected Journal emptyJournal() {
        EngineTables.reset(db.dataSource());
        return new JdbcJournal(db.dataSource());
    }
}
