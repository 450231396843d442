package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.PostKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RunnerJournalTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final FleetRules LOOSE = new FleetRules(10, Duration.ZERO);
    private static final PostKey POST = new PostKey(-1001, 17);

    /** Whatever the account writes through it, its history answers as the journal's own would: every contract holds. */
    @Nested
    class AsAJournal extends JournalContract {
        @Override
        protected EngineStores emptyStores() {
            EngineStores stores = InMemoryStores.create(InstantSource.fixed(T0));
            return new EngineStores(new RunnerJournal(stores.journal(), "a", InstantSource.fixed(T0)), stores.accountStates(),
                    stores.channelStates(), stores.leases(), stores.reviews(), stores.postsSeen());
        }
    }

    private final AtomicInteger historyReads = new AtomicInteger();
    private Instant now = T0;
    private EngineStores stores;
    private Journal journal;
    private RunnerJournal kept;
    private long epoch;
    /** Runs as the journal's next history read returns, as a write of another thread that lands after the read. */
    private Runnable duringRead = () -> {};

    @BeforeEach
    void createJournal() {
        stores = InMemoryStores.create(() -> now);
        journal = countingHistoryReads(stores.journal());
        kept = new RunnerJournal(journal, "a", () -> now);
        epoch = stores.leases().take("a", "owner", Duration.ofHours(1)).orElseThrow();
    }

    private Journal countingHistoryReads(Journal real) {
        return (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(), new Class<?>[] {Journal.class}, (proxy, method, args) -> {
            Object answer;
            try {
                answer = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("history")) {
                historyReads.incrementAndGet();
                Runnable during = duringRead;
                duringRead = () -> {};
                during.run();
            }
            return answer;
        });
    }

    private long reserve(PostKey post, Instant at) {
        return ((Reservation.Reserved) kept.reserve("a", post, Branch.SCHEDULER, at, LOOSE, epoch)).id();
    }

    @Test
    void theAccountsRowsAreReadOnceUntilItWritesAgain() {
        reserve(POST, T0);
        now = T0.plusSeconds(60);

        List<JournalEntry> first = kept.history("a", T0.minusSeconds(3600));
        List<JournalEntry> again = kept.history("a", T0.minusSeconds(3600));
        List<JournalEntry> later = kept.history("a", T0.plusSeconds(1));

        assertThat(historyReads).hasValue(1);
        assertThat(again).isEqualTo(first).hasSize(1);
        // a later start is answered from the rows kept, as the journal would answer it
        assertThat(later).isEmpty();
        assertThat(later).isEqualTo(stores.journal().history("a", T0.plusSeconds(1)));
    }

    @Test
    void eachWriteIsSeenByTheNextRead() {
        Instant since = T0.minusSeconds(3600);
        long id = reserve(POST, T0);
        assertThat(kept.history("a", since)).extracting(JournalEntry::status).containsExactly(CommentStatus.RESERVED);

        kept.markSending(id, "text", T0.plusSeconds(1));
        assertThat(kept.history("a", since)).extracting(JournalEntry::status).containsExactly(CommentStatus.SENDING);

        kept.markSent(id, -2001, 5, Optional.empty(), T0.plusSeconds(30), List.of());
        // a sent row counts from its send, not its reservation
        assertThat(kept.history("a", since)).extracting(JournalEntry::status, JournalEntry::at)
                .containsExactly(tuple(CommentStatus.SENT, T0.plusSeconds(30)));

        long second = reserve(new PostKey(-1001, 18), T0.plusSeconds(40));
        kept.release(second, T0.plusSeconds(41));
        assertThat(kept.history("a", since)).hasSize(1);
        assertThat(historyReads).hasValue(4);
    }

    @Test
    void anEarlierStartThanTheRowsKeptIsReadAgain() {
        kept.history("a", T0);

        kept.history("a", T0.minusSeconds(1));

        assertThat(historyReads).hasValue(2);
    }

    @Test
    void aWriteMadeElsewhereIsSeenOnceTheRowsKeptAreMaxAgeOld() {
        long id = reserve(POST, T0);
        kept.history("a", T0.minusSeconds(3600));
        // the row released past this runner (an operator closing a draft through another instance does so)
        stores.journal().release(id, T0.plusSeconds(1));

        now = T0.plus(RunnerJournal.MAX_AGE).minusSeconds(1);
        assertThat(kept.history("a", T0.minusSeconds(3600))).hasSize(1);
        now = T0.plus(RunnerJournal.MAX_AGE);
        assertThat(kept.history("a", T0.minusSeconds(3600))).isEmpty();
    }

    @Test
    void aReadThatAWriteMetKeepsNothing() {
        duringRead = () -> reserve(POST, T0);

        assertThat(kept.history("a", T0.minusSeconds(3600))).isEmpty();

        // the write landed after the first read began: that read's answer was not kept
        assertThat(kept.history("a", T0.minusSeconds(3600))).hasSize(1);
        assertThat(historyReads).hasValue(2);
    }

    @Test
    void writesRunThroughItDropTheRowsKeptWhateverTheirOutcome() {
        Supplier<Boolean> moved = () -> true;
        Supplier<Boolean> failed = () -> {
            throw new IllegalStateException("the review store is down");
        };
        kept.history("a", T0);

        assertThat(kept.written(moved)).isTrue();
        kept.history("a", T0);
        // whether the row moved cannot be told: dropped all the same
        assertThatThrownBy(() -> kept.written(failed)).hasMessage("the review store is down");
        kept.history("a", T0);

        assertThat(historyReads).hasValue(3);
    }

    @Test
    void anotherAccountsHistoryIsNeverKept() {
        kept.history("b", T0);
        kept.history("b", T0);

        assertThat(historyReads).hasValue(2);
    }
}
