package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Journal} does; each adapter's test extends it. */
public abstract class JournalContract {

    protected static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final FleetRules LOOSE = new FleetRules(10, Duration.ZERO);
    private static final PostKey POST = new PostKey(-1001, 17);
    private static final PostKey OTHER_POST = new PostKey(-1001, 18);

    private static final Duration TERM = Duration.ofMinutes(5);

    private EngineStores stores;
    private Journal journal;
    private final Map<String, Long> epochs = new HashMap<>();

    /**
     * Fresh, empty stores in which accounts {@code a}, {@code b} and {@code c} exist; their journal is the one under
     * test, and their leases and state stores are the ones it works with.
     */
    protected abstract EngineStores emptyStores();

    @BeforeEach
    void createJournal() {
        stores = emptyStores();
        journal = stores.journal();
        for (String account : List.of("a", "b", "c")) {
            epochs.put(account, stores.leases().take(account, "owner-" + account, TERM).orElseThrow());
        }
    }

    private Reservation reserve(String account, PostKey post, Branch branch, Instant at, FleetRules fleet) {
        return journal.reserve(account, post, branch, at, fleet, epochs.get(account));
    }

    private long reserve(String account, PostKey post, Instant at) {
        return ((Reservation.Reserved) reserve(account, post, Branch.SCHEDULER, at, LOOSE)).id();
    }

    private long sending(String account, PostKey post, Instant at, String text) {
        long id = reserve(account, post, at);
        assertThat(journal.markSending(id, text, at)).isTrue();
        return id;
    }

    private long sent(String account, PostKey post, Instant at, String text) {
        long id = sending(account, post, at, text);
        journal.markSent(id, -2001, id * 10, Optional.empty(), at.plusSeconds(5), List.of());
        return id;
    }

    @Test
    void aPostGetsOneLiveRowPerAccount() {
        reserve("a", POST, T0);

        assertThat(reserve("a", POST, Branch.INSTANT, T0.plusSeconds(1), LOOSE)).isInstanceOf(Reservation.AlreadyCommented.class);
        assertThat(reserve("b", POST, Branch.INSTANT, T0.plusSeconds(1), LOOSE)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void releasedRowsNeitherCountNorBlockTheirPost() {
        journal.release(reserve("a", POST, T0), T0.plusSeconds(1));

        assertThat(journal.history("a", T0)).isEmpty();
        assertThat(reserve("a", POST, Branch.SCHEDULER, T0.plusSeconds(2), LOOSE)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void failuresCountOnlyWhenTheyReachedTheServerAndNeverBlockThePost() {
        long local = reserve("a", POST, T0);
        journal.markSending(local, "text", T0);
        journal.markFailed(local, "rejected", false, T0.plusSeconds(1), List.of());
        assertThat(journal.history("a", T0)).isEmpty();

        long remote = reserve("a", POST, T0.plusSeconds(10));
        journal.markSending(remote, "text", T0.plusSeconds(10));
        journal.markFailed(remote, "PEER_FLOOD", true, T0.plusSeconds(11), List.of());

        assertThat(journal.history("a", T0)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(CommentStatus.FAILED);
            assertThat(e.blocksPost()).isFalse();
        });
        assertThat(reserve("a", POST, Branch.SCHEDULER, T0.plusSeconds(20), LOOSE)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void sentUnknownAndDryRunRowsCountAndBlockTheirPost() {
        sent("a", POST, T0, "one");
        long unknown = reserve("a", OTHER_POST, T0.plusSeconds(100));
        journal.markSending(unknown, "two", T0.plusSeconds(100));
        journal.markUnknown(unknown, "timed out", T0.plusSeconds(280));
        PostKey third = new PostKey(-1002, 1);
        journal.markDryRun(reserve("a", third, T0.plusSeconds(300)), "three", T0.plusSeconds(300));

        assertThat(journal.history("a", T0)).extracting(JournalEntry::status)
                .containsExactly(CommentStatus.SENT, CommentStatus.UNKNOWN, CommentStatus.DRY_RUN);
        for (PostKey post : List.of(POST, OTHER_POST, third)) {
            assertThat(reserve("a", post, Branch.SCHEDULER, T0.plusSeconds(400), LOOSE))
                    .isInstanceOf(Reservation.AlreadyCommented.class);
        }
    }

    @Test
    void inFlightRowsAndFailuresThatReachedTheServerCountAtTheirReservationTime() {
        reserve("a", POST, T0);
        long sending = reserve("a", OTHER_POST, T0.plusSeconds(10));
        journal.markSending(sending, "in flight", T0.plusSeconds(15));
        long failed = reserve("a", new PostKey(-1002, 1), T0.plusSeconds(20));
        journal.markSending(failed, "refused", T0.plusSeconds(25));
        journal.markFailed(failed, "PEER_FLOOD", true, T0.plusSeconds(30), List.of());

        assertThat(journal.history("a", T0)).extracting(JournalEntry::status, JournalEntry::at).containsExactly(
                tuple(CommentStatus.RESERVED, T0),
                tuple(CommentStatus.SENDING, T0.plusSeconds(10)),
                tuple(CommentStatus.FAILED, T0.plusSeconds(20)));
        assertThat(journal.history("a", T0.plusSeconds(21))).isEmpty();
    }

    @Test
    void historyIsInTimeOrderFromSinceWithTheSentTimeWhenKnown() {
        sent("a", POST, T0, "one");
        reserve("a", OTHER_POST, T0.plusSeconds(60));
        sent("b", new PostKey(-1002, 5), T0.plusSeconds(30), "other account");

        assertThat(journal.history("a", T0)).extracting(JournalEntry::at).containsExactly(T0.plusSeconds(5), T0.plusSeconds(60));
        assertThat(journal.history("a", T0.plusSeconds(6))).extracting(JournalEntry::post).containsExactly(OTHER_POST);
    }

    @Test
    void fleetRulesLimitAccountsPerPostAndSpaceAccountsInAChannel() {
        FleetRules rules = new FleetRules(1, Duration.ofMinutes(5));
        assertThat(reserve("a", POST, Branch.SCHEDULER, T0, rules)).isInstanceOf(Reservation.Reserved.class);

        assertThat(reserve("b", POST, Branch.SCHEDULER, T0.plus(Duration.ofHours(1)), rules))
                .isEqualTo(new Reservation.FleetBusy("max_accounts_per_post"));
        assertThat(reserve("b", OTHER_POST, Branch.SCHEDULER, T0.plusSeconds(299), rules))
                .isEqualTo(new Reservation.FleetBusy("min_gap"));
        assertThat(reserve("a", OTHER_POST, Branch.SCHEDULER, T0.plusSeconds(1), rules)).isInstanceOf(Reservation.Reserved.class);
        assertThat(reserve("c", new PostKey(-1001, 19), Branch.SCHEDULER, T0.plusSeconds(301), rules))
                .isInstanceOf(Reservation.Reserved.class);
        assertThat(journal.otherAccountsUnder("b", POST)).isEqualTo(1);
        assertThat(journal.otherAccountsUnder("a", POST)).isZero();
        assertThat(journal.lastByOthersInChannel("a", -1001)).contains(T0.plusSeconds(301));
        assertThat(journal.lastByOthersInChannel("a", -1002)).isEmpty();
    }

    @Test
    void recoverReleasesReservedRowsAndMakesSendingRowsUnknown() {
        long reserved = reserve("a", POST, T0);
        long sending = reserve("a", OTHER_POST, T0.plusSeconds(1));
        journal.markSending(sending, "text", T0.plusSeconds(2));
        long elsewhere = reserve("b", POST, T0.plusSeconds(3));

        journal.recover("a", T0.plusSeconds(60));

        assertThat(journal.history("a", T0)).singleElement().satisfies(e -> {
            assertThat(e.post()).isEqualTo(OTHER_POST);
            assertThat(e.status()).isEqualTo(CommentStatus.UNKNOWN);
        });
        assertThat(reserve("a", POST, Branch.SCHEDULER, T0.plusSeconds(61), LOOSE)).isInstanceOf(Reservation.Reserved.class);
        assertThat(journal.history("b", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.RESERVED);
        assertThatThrownBy(() -> journal.markSending(reserved, "late", T0.plusSeconds(62))).isInstanceOf(IllegalStateException.class);
        assertThat(elsewhere).isPositive();
    }

    @Test
    void markingARowFromTheWrongStatusFails() {
        long id = reserve("a", POST, T0);

        assertThatThrownBy(() -> journal.markSent(id, 1, 2, Optional.empty(), T0, List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(journal.history("a", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.RESERVED);
    }

    @Test
    void recentTextsAreTheSentAndDryRunOnesNewestFirst() {
        sent("a", POST, T0, "first");
        journal.markDryRun(reserve("a", OTHER_POST, T0.plusSeconds(10)), "second", T0.plusSeconds(10));
        journal.release(reserve("a", new PostKey(-1002, 3), T0.plusSeconds(20)), T0.plusSeconds(20));
        sent("b", new PostKey(-1002, 4), T0.plusSeconds(30), "not mine");

        assertThat(journal.recentTexts("a", 10)).containsExactly("second", "first");
        assertThat(journal.recentTexts("a", 1)).containsExactly("second");
    }

    @Test
    void deletedCommentsAreCountedPerChannelOnce() {
        long id = sent("a", POST, T0, "one");
        sent("a", OTHER_POST, T0.plusSeconds(10), "two");

        assertThat(journal.markDeleted("a", -2001, id * 10, T0.plusSeconds(100))).isTrue();
        assertThat(journal.markDeleted("a", -2001, id * 10, T0.plusSeconds(200))).isTrue();
        assertThat(journal.markDeleted("b", -2001, id * 10, T0.plusSeconds(200))).isFalse();
        assertThat(journal.markDeleted("a", -2001, 999_999, T0.plusSeconds(200))).isFalse();

        assertThat(journal.deletedSince("a", -1001, T0)).isEqualTo(1);
        assertThat(journal.deletedSince("a", -1001, T0.plusSeconds(101))).isZero();
        assertThat(journal.deletedSince("a", -1002, T0)).isZero();
    }

    @Test
    void aRowIsSentOnlyUnderTheLeaseItWasReservedUnder() {
        long id = reserve("a", POST, T0);
        stores.leases().release("a", "owner-a");
        assertThat(stores.leases().take("a", "elsewhere", TERM)).isPresent();

        assertThat(journal.markSending(id, "too late", T0.plusSeconds(1))).isFalse();

        assertThat(journal.history("a", T0)).isEmpty();
        assertThatThrownBy(() -> journal.markSent(id, 1, 2, Optional.empty(), T0, List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(reserve("a", POST, Branch.SCHEDULER, T0.plusSeconds(2), LOOSE)).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void aRowOfAnEarlierTakeOfTheLeaseIsNotSentEvenByTheSameOwner() {
        long id = reserve("a", POST, T0);
        assertThat(stores.leases().take("a", "owner-a", TERM)).hasValue(epochs.get("a") + 1);

        assertThat(journal.markSending(id, "stale", T0.plusSeconds(1))).isFalse();
    }

    @Test
    void aRowIsNotSentOnceItsLeaseHasExpiredOnTheStoresClock() {
        long epoch = stores.leases().take("c", "owner-c", Duration.ZERO).orElseThrow();
        long id = ((Reservation.Reserved) journal.reserve("c", POST, Branch.SCHEDULER, T0, LOOSE, epoch)).id();

        assertThat(journal.markSending(id, "expired", T0.plusSeconds(1))).isFalse();
        assertThat(journal.history("c", T0)).isEmpty();
    }

    @Test
    void aResultIsWrittenWithTheStateItCauses() {
        AccountState floodWait = new AccountState(Optional.empty(), 1, 0, Optional.empty(), Optional.of(T0.plusSeconds(600)));
        long failed = sending("a", POST, T0, "one");
        journal.markFailed(failed, "FLOOD_WAIT_600", true, T0.plusSeconds(1), List.of(new StateChange.Account(floodWait),
                new StateChange.Ban(-1003, "CHAT_WRITE_FORBIDDEN"), new StateChange.Hold(-1004, T0.plusSeconds(60))));

        assertThat(stores.accountStates().load("a")).isEqualTo(floodWait);
        assertThat(stores.channelStates().load("a")).isEqualTo(Map.of(
                -1003L, new ChannelState(Optional.of("CHAT_WRITE_FORBIDDEN"), Optional.empty()),
                -1004L, new ChannelState(Optional.empty(), Optional.of(T0.plusSeconds(60)))));
        assertThat(stores.accountStates().load("b")).isEqualTo(AccountState.FRESH);

        long sent = sending("a", OTHER_POST, T0.plusSeconds(700), "two");
        journal.markSent(sent, -2001, 5, Optional.of("https://t.me/c/2001/5"), T0.plusSeconds(701), List.of(new StateChange.Account(AccountState.FRESH)));

        assertThat(stores.accountStates().load("a")).isEqualTo(AccountState.FRESH);
        assertThat(journal.history("a", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.FAILED, CommentStatus.SENT);
    }
}
