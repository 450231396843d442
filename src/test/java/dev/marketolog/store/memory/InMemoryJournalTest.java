package dev.marketolog.store.memory;

import dev.marketolog.engine.Journal;
import dev.marketolog.engine.JournalContract;

class InMemoryJournalTest extends JournalContract {
    @Override
    protected Journal emptyJournal() {
        return new InMemoryJournal();
    }
}
