package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.Limits;
import dev.marketolog.config.ReviewSettings;
import dev.marketolog.config.SpamGuardSettings;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Operators' commands as the runner applies them: on virtual time, with a scripted Telegram and in-memory stores. */
class OperatorCommandTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;
    private static final long NEW_CHANNEL = -1002L;

    private final VirtualClock clock = new VirtualClock(START);
    private final EngineStores stores = InMemoryStores.create(clock);
    private final List<EngineEvent> events = new ArrayList<>();
    private final Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(7), events::add);
    /** Knows both channels; the account allowlists only the first. */
    private final ScriptedTelegram telegram = new ScriptedTelegram(clock, List.of(CHANNEL, NEW_CHANNEL));
    private final AtomicInteger applied = new AtomicInteger();

    private static AccountPolicy bot() {
        return TestAccounts.account("bot", List.of(CHANNEL));
    }

    private void runs(AccountPolicy settings) {
        fleet.add(settings, telegram, FixedWriter.writing());
    }

    private void control(OperatorCommand command) {
        assertThat(fleet.control("bot", command, applied::incrementAndGet)).isTrue();
    }

    private void advance(Duration duration) {
        clock.runUntil(clock.instant().plus(duration));
    }

    /** A post every {@code every} from now until {@code until}, in {@code channel}, message ids counting from {@code firstId}. */
    private void publishEvery(long channel, Duration every, Instant until, long firstId) {
        long[] next = {firstId};
        Runnable[] publish = new Runnable[1];
        publish[0] = () -> {
            telegram.publish(channel, next[0]++, "post");
            if (clock.instant().plus(every).isBefore(until)) {
                clock.schedule(clock.instant().plus(every), publish[0]);
            }
        };
        clock.schedule(clock.instant(), publish[0]);
    }

    private RunState state() {
        return fleet.status().getFirst().state();
    }

    private long commentsIn(long channel, Instant from) {
        return telegram.comments().stream().filter(c -> c.post().channelId() == channel && !c.at().isBefore(from)).count();
    }

    @Test
    void aPausedAccountSendsNothingKeepsItsLeaseAndGoesOnWhenResumed() {
        runs(bot());
        publishEvery(CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(6)), 1);
        fleet.start();
        advance(Duration.ofHours(1));
        assertThat(telegram.comments()).isNotEmpty();

        control(new OperatorCommand.Pause());
        advance(Duration.ofSeconds(1));
        Instant pausedAt = clock.instant();
        assertThat(state()).isEqualTo(RunState.PAUSED);
        advance(Duration.ofHours(2));
        assertThat(commentsIn(CHANNEL, pausedAt)).isZero();
        assertThat(state()).isEqualTo(RunState.PAUSED);
        // still its own: another process cannot take the account while it is paused
        assertThat(stores.leases().take("bot", "another-process", Leasing.TERM)).isEmpty();

        control(new OperatorCommand.Resume());
        Instant resumedAt = clock.instant();
        advance(Duration.ofHours(2));
        assertThat(state()).isEqualTo(RunState.RUNNING);
        assertThat(commentsIn(CHANNEL, resumedAt)).isPositive();
        assertThat(applied).hasValue(2);
    }

    @Test
    void anAccountPausedBeforeItStartsTakesItsLeaseAndStaysStill() {
        runs(bot());
        control(new OperatorCommand.Pause());
        fleet.start();
        publishEvery(CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(2)), 1);

        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).isEmpty();
        assertThat(state()).isEqualTo(RunState.PAUSED);
        // it held no lease when the command came: the process that takes the account applies its state
        assertThat(applied).hasValue(0);
    }

    @Test
    void newLimitsApplyToTheNextCommentsAndANewlyAllowlistedChannelIsOpenedAndCommented() {
        runs(bot());
        publishEvery(CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(8)), 1);
        publishEvery(NEW_CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(8)), 1000);
        fleet.start();
        advance(Duration.ofHours(2));
        assertThat(commentsIn(CHANNEL, START)).isGreaterThan(10);
        assertThat(commentsIn(NEW_CHANNEL, START)).isZero();

        Limits l = TestAccounts.openLimits();
        Limits twoAnHour = TestAccounts.limits(l, l.activeWindows(), 1000, 2, Duration.ZERO, Duration.ZERO, 1000);
        AccountPolicy next = new AccountPolicy("bot", true, false, List.of(CHANNEL, NEW_CHANNEL), List.of(), twoAnHour,
                SpamGuardSettings.defaults(), 2, ReviewSettings.defaults());
        control(new OperatorCommand.Reconfigure(next, FixedWriter.writing()));
        advance(Duration.ofHours(1));
        Instant from = clock.instant();
        advance(Duration.ofHours(3));

        List<Instant> sends = telegram.comments().stream().map(ScriptedTelegram.Comment::at).filter(at -> !at.isBefore(from)).toList();
        assertThat(sends).hasSizeBetween(4, 6);
        for (Instant at : sends) {
            assertThat(sends.stream().filter(other -> !other.isAfter(at) && other.isAfter(at.minus(Duration.ofHours(1)))))
                    .as("sends in the hour up to %s", at).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(commentsIn(NEW_CHANNEL, START)).isPositive();
        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING);
        assertThat(applied).hasValue(1);
    }

    @Test
    void disablingIdlesTheAccountAndGivesUpItsLeaseAndEnablingStartsIt() {
        runs(bot());
        publishEvery(CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(6)), 1);
        fleet.start();
        advance(Duration.ofHours(1));

        control(new OperatorCommand.Reconfigure(TestAccounts.disabled(bot()), FixedWriter.writing()));
        advance(Duration.ofSeconds(1));
        Instant idleFrom = clock.instant();
        assertThat(state()).isEqualTo(RunState.IDLE);
        assertThat(stores.leases().take("bot", "another-process", Leasing.TERM)).isPresent();
        stores.leases().release("bot", "another-process");
        advance(Duration.ofHours(1));
        assertThat(commentsIn(CHANNEL, idleFrom)).isZero();

        control(new OperatorCommand.Reconfigure(bot(), FixedWriter.writing()));
        Instant enabledAt = clock.instant();
        advance(Duration.ofHours(2));
        assertThat(state()).isEqualTo(RunState.RUNNING);
        assertThat(commentsIn(CHANNEL, enabledAt)).isPositive();
    }

    @Test
    void liftingASpamBlockClearsItInTheStoreAndTheRunnerAndTheAccountCommentsAgain() {
        runs(TestAccounts.with(bot(), new SpamGuardSettings(Duration.ofHours(12), Duration.ofHours(24), 3, Duration.ofSeconds(300))));
        telegram.answerWith(post -> Optional.of(new SendResult.Failed(new TelegramError.PeerFlood(), true)));
        publishEvery(CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(6)), 1);
        fleet.start();
        advance(Duration.ofHours(1));
        assertThat(fleet.status().getFirst().spamBlockUntil()).isPresent();
        telegram.answerWith(post -> Optional.empty());
        advance(Duration.ofHours(1));
        assertThat(telegram.comments()).isEmpty();

        control(new OperatorCommand.LiftSpamBlock());
        Instant liftedAt = clock.instant();
        advance(Duration.ofHours(1));

        AccountState saved = stores.accountStates().load("bot");
        assertThat(saved.spamBlockUntil()).isEmpty();
        assertThat(saved.seriousStreak()).isZero();
        assertThat(fleet.status().getFirst().spamBlockUntil()).isEmpty();
        assertThat(commentsIn(CHANNEL, liftedAt)).isPositive();
        assertThat(events).filteredOn(EngineEvent.SpamBlockEnded.class::isInstance).hasSize(1);
        assertThat(applied).hasValue(1);
    }

    @Test
    void aClearedBanReopensTheChannelForTheRunner() {
        runs(bot());
        boolean[] closed = {true};
        telegram.answerWith(post -> closed[0]
                ? Optional.of(new SendResult.Failed(new TelegramError.ChannelClosed("CHAT_WRITE_FORBIDDEN"), true)) : Optional.empty());
        publishEvery(CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(6)), 1);
        fleet.start();
        advance(Duration.ofHours(1));
        assertThat(stores.channelStates().load("bot").get(CHANNEL).banned()).isTrue();
        closed[0] = false;
        advance(Duration.ofHours(1));
        assertThat(telegram.comments()).isEmpty();

        control(new OperatorCommand.ClearBan(CHANNEL));
        advance(Duration.ofHours(1));

        assertThat(stores.channelStates().load("bot").getOrDefault(CHANNEL, ChannelState.OPEN).banned()).isFalse();
        assertThat(telegram.comments()).isNotEmpty();
        assertThat(applied).hasValue(1);
    }

    @Test
    void anAccountAddedWithoutASessionRunsOnceEnabledWithOneAndStaysPausedWhenPaused() {
        fleet.addNeedingLogin(TestAccounts.disabled(bot()));
        fleet.start();
        assertThat(fleet.waitsForSession("bot")).isTrue();

        assertThat(fleet.run(bot(), telegram, FixedWriter.writing(), true)).isTrue();
        advance(Duration.ofMinutes(1));
        assertThat(state()).isEqualTo(RunState.PAUSED);
        assertThat(fleet.waitsForSession("bot")).isFalse();
        assertThat(fleet.run(bot(), telegram, FixedWriter.writing(), false)).isFalse();

        control(new OperatorCommand.Resume());
        publishEvery(CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(3)), 1);
        advance(Duration.ofHours(2));
        assertThat(state()).isEqualTo(RunState.RUNNING);
        assertThat(telegram.comments()).isNotEmpty();
    }

    @Test
    void aProcessNotHoldingTheLeaseLeavesStateCommandsToTheHolder() {
        assertThat(stores.leases().take("bot", "the-holder", Leasing.TERM)).isPresent();
        runs(bot());
        fleet.start();
        advance(Duration.ofMinutes(1));
        assertThat(state()).isEqualTo(RunState.RUNNING_ELSEWHERE);

        control(new OperatorCommand.LiftSpamBlock());
        control(new OperatorCommand.ClearBan(CHANNEL));
        advance(Duration.ofMinutes(1));

        assertThat(applied).hasValue(0);
    }
}
