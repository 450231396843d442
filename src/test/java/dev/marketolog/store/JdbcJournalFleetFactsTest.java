package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.ReviewDraft;
import dev.marketolog.engine.ReviewState;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's fleet facts through its cache, on PostgreSQL: one read serves every account for the TTL, and every
 * write of the process is seen by the next read at once. The pool counts the connections taken: each read outside a
 * transaction is one statement on one connection.
 */
class JdbcJournalFleetFactsTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration TERM = Duration.ofMinutes(5);
    private static final FleetRules LOOSE = new FleetRules(10, Duration.ZERO);
    private static final List<Long> CHANNELS = List.of(-1001L, -1002L);
    private static final PostKey POST = new PostKey(-1001, 17);

    private final AtomicInteger connections = new AtomicInteger();
    /** Runs once, when the next connection is given back: a write that lands between a read's statement and its caching. */
    private final AtomicReference<Runnable> onGivenBack = new AtomicReference<>();
    private final AtomicLong nanos = new AtomicLong();
    private final FleetFacts facts = new FleetFacts(Duration.ofSeconds(5), nanos::get);
    private final DataSource counted = counting(db.dataSource());
    private final JdbcJournal journal = new JdbcJournal(counted, counted, facts);
    private final JdbcReviewStore reviews = new JdbcReviewStore(counted, facts);
    private final JdbcLeaseStore leases = new JdbcLeaseStore(db.dataSource());
    private final Map<String, Long> epochs = new HashMap<>();

    @BeforeEach
    void emptyJournal() {
        EngineTables.reset(db.dataSource());
        for (String account : List.of("a", "b", "c")) {
            epochs.put(account, leases.take(account, "owner-" + account, TERM).orElseThrow());
        }
    }

    @Test
    void theOthersLastIsTheChannelsNewestRowUnlessItIsTheAskersThenTheRunnerUp() {
        reserve("b", POST, T0);
        reserve("a", new PostKey(-1001, 18), T0.plusSeconds(1));
        reserve("a", new PostKey(-1002, 5), T0.plusSeconds(2));

        assertThat(journal.lastByOthersInChannels("a", List.of(-1001L, -1002L, -1003L))).containsOnly(entry(-1001L, T0));
        assertThat(journal.lastByOthersInChannels("b", List.of(-1001L, -1002L, -1003L)))
                .containsOnly(entry(-1001L, T0.plusSeconds(1)), entry(-1002L, T0.plusSeconds(2)));
        assertThat(journal.lastByOthersInChannels("c", List.of(-1003L))).isEmpty();
        assertThat(journal.otherAccountsUnder("b", POST)).isZero();
        assertThat(journal.otherAccountsUnder("c", POST)).isEqualTo(1);
    }

    @Test
    void oneReadOfAChannelAndOneOfAPostServeEveryAccountUntilTheTtlEnds() {
        reserve("a", POST, T0);
        reserve("b", new PostKey(-1002, 5), T0);

        connections.set(0);
        for (String account : List.of("a", "b", "c")) {
            journal.lastByOthersInChannels(account, CHANNELS);
            journal.otherAccountsUnder(account, POST);
        }
        assertThat(connections).hasValue(2);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(journal.lastByOthersInChannels("c", CHANNELS)).containsOnly(entry(-1001L, T0), entry(-1002L, T0));
        assertThat(journal.otherAccountsUnder("c", POST)).isEqualTo(1);
        assertThat(connections).hasValue(4);
    }

    @Test
    void everyWriteOfTheJournalIsSeenByTheNextReadWithoutWaitingForTheTtl() {
        long first = seenAtOnceAfter(() -> reserve("a", POST, T0));
        seenAtOnceAfter(() -> journal.markSending(first, "text", T0));
        seenAtOnceAfter(() -> journal.markSent(first, -2001, 10, Optional.empty(), T0.plusSeconds(5), List.of()));

        long released = seenAtOnceAfter(() -> reserve("b", POST, T0.plusSeconds(10)));
        seenAtOnceAfter(() -> journal.release(released, T0.plusSeconds(11)));

        long failed = sending("b", POST, T0.plusSeconds(20));
        seenAtOnceAfter(() -> journal.markFailed(failed, "PEER_FLOOD", false, T0.plusSeconds(21), List.of()));

        long unknown = sending("b", POST, T0.plusSeconds(30));
        seenAtOnceAfter(() -> journal.markUnknown(unknown, "timeout", T0.plusSeconds(31)));

        long dryRun = reserve("b", new PostKey(-1001, 18), T0.plusSeconds(40));
        seenAtOnceAfter(() -> journal.markDryRun(dryRun, "text", T0.plusSeconds(41)));

        long leaseLost = reserve("b", new PostKey(-1001, 19), T0.plusSeconds(50));
        leases.release("b", "owner-b");
        seenAtOnceAfter(() -> assertThat(journal.markSending(leaseLost, "text", T0.plusSeconds(51))).isFalse());

        reserve("a", new PostKey(-1001, 20), T0.plusSeconds(60));
        seenAtOnceAfter(() -> journal.recover("a", T0.plusSeconds(61)));
    }

    @Test
    void aClosedDraftIsSeenByTheNextReadWithoutWaitingForTheTtl() {
        Post post = new Post(POST.channelId(), POST.messageId(), T0.minusSeconds(600), "Новость");
        long id = reserve("a", POST, T0);
        reviews.hold(new ReviewDraft(id, "Деньги", post, List.of(), "черновик", T0.plusSeconds(7200)), T0);

        seenAtOnceAfter(() -> reviews.close(id, ReviewState.EXPIRED, Optional.empty(), Optional.empty(), T0.plusSeconds(7200)));
    }

    @Test
    void aRefusedReservationKeepsWhatIsKnown() {
        reserve("a", POST, T0);
        journal.lastByOthersInChannels("c", CHANNELS);
        journal.otherAccountsUnder("c", POST);

        connections.set(0);
        assertThat(journal.reserve("b", POST, Branch.INSTANT, T0, new FleetRules(1, Duration.ZERO), epoch("b")))
                .isInstanceOf(Reservation.FleetBusy.class);
        journal.lastByOthersInChannels("c", CHANNELS);
        journal.otherAccountsUnder("c", POST);

        assertThat(connections).as("the reservation's own transaction only").hasValue(1);
    }

    @Test
    void aReadThatSawTheChannelBeforeALocalWriteDoesNotKeepWhatItSaw() {
        // the read's statement sees no row; the write commits before the read's answer reaches the cache
        onGivenBack.set(() -> reserve("b", POST, T0));
        assertThat(journal.lastByOthersInChannels("c", CHANNELS)).isEmpty();

        assertThat(journal.lastByOthersInChannels("c", CHANNELS)).containsOnly(entry(-1001L, T0));
    }

    @Test
    void aReadThatSawAPostBeforeALocalWriteDoesNotKeepWhatItSaw() {
        onGivenBack.set(() -> reserve("b", POST, T0));
        assertThat(journal.otherAccountsUnder("c", POST)).isZero();

        assertThat(journal.otherAccountsUnder("c", POST)).isEqualTo(1);
    }

    /**
     * With both facts of {@link #CHANNELS} and {@link #POST} cached, runs {@code write}; then the next reads go to the
     * database (the unchanged channel stays cached) and answer what a journal without a cache answers.
     */
    private <T> T seenAtOnceAfter(Supplier<T> write) {
        journal.lastByOthersInChannels("c", CHANNELS);
        journal.otherAccountsUnder("c", POST);

        T result = write.get();
        connections.set(0);
        Map<Long, Instant> last = journal.lastByOthersInChannels("c", CHANNELS);
        int under = journal.otherAccountsUnder("c", POST);

        assertThat(connections).as("a read of the channel and one of the post").hasValue(2);
        JdbcJournal uncached = new JdbcJournal(db.dataSource());
        assertThat(last).isEqualTo(uncached.lastByOthersInChannels("c", CHANNELS));
        assertThat(under).isEqualTo(uncached.otherAccountsUnder("c", POST));
        return result;
    }

    private void seenAtOnceAfter(Runnable write) {
        seenAtOnceAfter(() -> {
            write.run();
            return null;
        });
    }

    private long reserve(String account, PostKey post, Instant at) {
        return ((Reservation.Reserved) journal.reserve(account, post, Branch.SCHEDULER, at, LOOSE, epoch(account))).id();
    }

    private long sending(String account, PostKey post, Instant at) {
        long id = reserve(account, post, at);
        assertThat(journal.markSending(id, "text", at)).isTrue();
        return id;
    }

    private long epoch(String account) {
        return epochs.get(account);
    }

    /** {@code pool}, counting the connections taken and running {@link #onGivenBack} when one is closed. */
    private DataSource counting(DataSource pool) {
        return proxy(DataSource.class, (self, method, args) -> {
            Object result = call(pool, method, args);
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
                Connection connection = (Connection) result;
                return proxy(Connection.class, (c, m, a) -> {
                    Object answer = call(connection, m, a);
                    if (m.getName().equals("close")) {
                        Optional.ofNullable(onGivenBack.getAndSet(null)).ifPresent(Runnable::run);
                    }
                    return answer;
                });
            }
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
