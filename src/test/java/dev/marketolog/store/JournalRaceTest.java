package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Reservation;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two connections racing on the same row, many rounds, both released at once by a barrier: the database decides, and
 * exactly one of them wins every round.
 */
class JournalRaceTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final int ROUNDS = 200;
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration TERM = Duration.ofMinutes(5);
    private static final ExecutorService racers = Executors.newFixedThreadPool(2);

    private EngineStores stores;

    @BeforeEach
    void emptyStores() {
        EngineTables.reset(db.dataSource());
        stores = JdbcStores.create(db.dataSource());
    }

    @AfterAll
    static void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void oneAccountReservingAPostFromTwoConnectionsGetsOneRow() throws Exception {
        long epoch = stores.leases().take("a", "owner-a", TERM).orElseThrow();
        FleetRules loose = new FleetRules(10, Duration.ZERO);
        for (int round = 0; round < ROUNDS; round++) {
            PostKey post = new PostKey(-1001, round);
            Instant at = T0.plusSeconds(round);

            List<Reservation> answers = race(() -> stores.journal().reserve("a", post, Branch.SCHEDULER, at, loose, epoch),
                    () -> stores.journal().reserve("a", post, Branch.INSTANT, at, loose, epoch));

            assertThat(answers).as("round %d", round).filteredOn(Reservation.Reserved.class::isInstance).hasSize(1);
            assertThat(answers).as("round %d", round).filteredOn(Reservation.AlreadyCommented.class::isInstance).hasSize(1);
        }
    }

    @Test
    void twoAccountsReservingAPostOnlyOneMayHoldGetOneRow() throws Exception {
        long epochA = stores.leases().take("a", "owner-a", TERM).orElseThrow();
        long epochB = stores.leases().take("b", "owner-b", TERM).orElseThrow();
        FleetRules onePerPost = new FleetRules(1, Duration.ZERO);
        for (int round = 0; round < ROUNDS; round++) {
            PostKey post = new PostKey(-1001, round);
            Instant at = T0.plusSeconds(round);

            List<Reservation> answers = race(() -> stores.journal().reserve("a", post, Branch.SCHEDULER, at, onePerPost, epochA),
                    () -> stores.journal().reserve("b", post, Branch.SCHEDULER, at, onePerPost, epochB));

            assertThat(answers).as("round %d", round).filteredOn(Reservation.Reserved.class::isInstance).hasSize(1);
            assertThat(answers).as("round %d", round)
                    .filteredOn(answer -> answer.equals(new Reservation.FleetBusy("max_accounts_per_post"))).hasSize(1);
        }
    }

    @Test
    void twoOwnersTakingAFreeLeaseGetOneEpoch() throws Exception {
        AccountRepository accounts = new AccountRepository(db.dataSource(), InstantSource.fixed(T0));
        String holder = null;
        long lastEpoch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (holder != null) {
                stores.leases().release("a", holder);
            }

            List<OptionalLong> epochs = race(() -> stores.leases().take("a", "owner-1", TERM),
                    () -> stores.leases().take("a", "owner-2", TERM));

            assertThat(epochs).as("round %d", round).filteredOn(OptionalLong::isPresent).singleElement()
                    .isEqualTo(OptionalLong.of(lastEpoch + 1));
            holder = epochs.getFirst().isPresent() ? "owner-1" : "owner-2";
            lastEpoch++;
        }
        // a lease no one held before: the first take inserts its row, and only one insert may win either
        for (int round = 0; round < ROUNDS; round++) {
            String account = "new" + round;
            accounts.upsert(account);

            List<OptionalLong> epochs = race(() -> stores.leases().take(account, "owner-1", TERM),
                    () -> stores.leases().take(account, "owner-2", TERM));

            assertThat(epochs).as("round %d", round).filteredOn(OptionalLong::isPresent).singleElement()
                    .isEqualTo(OptionalLong.of(1));
        }
    }

    @Test
    void aSendLetGoUnderTheOldLeaseIsSeenByTheInstanceThatTakesTheLeaseOver() throws Exception {
        FleetRules loose = new FleetRules(10, Duration.ZERO);
        int sentUnderOldLease = 0;
        for (int r = 0; r < ROUNDS; r++) {
            int round = r;
            String holder = round % 2 == 0 ? "instance-1" : "instance-2";
            String next = round % 2 == 0 ? "instance-2" : "instance-1";
            long epoch = stores.leases().take("a", holder, TERM).orElseThrow();
            PostKey post = new PostKey(-1001, round);
            Instant at = T0.plusSeconds(round);

            // the old holder lets a comment go while its lease passes (released: as if it expired) to the next instance
            List<Object> answers = race(() -> stores.journal().reserve("a", post, Branch.SCHEDULER, at, loose, epoch)
                            instanceof Reservation.Reserved(long id) && stores.journal().markSending(id, "text", at),
                    () -> {
                        // a start a little later in every other round: the send is one statement more than the hand-over,
                        // so that both orders happen on a fast machine and on a loaded one
                        if (round % 2 == 1) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(round % 8));
                        }
                        stores.leases().release("a", holder);
                        stores.leases().take("a", next, TERM).orElseThrow();
                        return statuses(post);
                    });

            boolean sent = (Boolean) answers.getFirst();
            // sent: the take waited for it, so the new holder's recovery finds the send; else it was released
            assertThat(statuses(post)).as("round %d", round).containsExactly(sent ? "sending" : "released");
            if (sent) {
                assertThat(answers.get(1)).as("round %d: what the new holder found right after its take", round)
                        .isEqualTo(List.of("sending"));
            }
            sentUnderOldLease += sent ? 1 : 0;
            stores.leases().release("a", next);
        }
        // both orders happened, or the barrier forced nothing
        assertThat(sentUnderOldLease).isBetween(1, ROUNDS - 1);
    }

    private static List<String> statuses(PostKey post) {
        try (var connection = db.dataSource().getConnection();
                var statement = connection.prepareStatement("select status from comment where channel_id = ? and post_id = ?")) {
            statement.setLong(1, post.channelId());
            statement.setLong(2, post.messageId());
            List<String> statuses = new java.util.ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs both at once, each on its own thread (so on its own pooled connection), released together by a barrier. */
    private static <T> List<T> race(Supplier<T> first, Supplier<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<T> one = racers.submit(() -> {
            start.await();
            return first.get();
        });
        Future<T> two = racers.submit(() -> {
            start.await();
            return second.get();
        });
        return List.of(one.get(), two.get());
    }
}
