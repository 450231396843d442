package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.SpamGuardSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpamGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final SpamGuardSettings SETTINGS =
            new SpamGuardSettings(Duration.ofHours(1), Duration.ofHours(5), 3, Duration.ofSeconds(300));
    private final SpamGuard guard = new SpamGuard(SETTINGS);

    private AccountState seriousErrors(AccountState state, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            state = guard.onPeerFlood(state, at).state();
        }
        return state;
    }

    @Test
    void floodWaitStopsAccountForItsSeconds() {
        SpamGuard.Step step = guard.onFloodWait(AccountState.FRESH, Duration.ofSeconds(42), T0);

        assertThat(step.state().floodWaitUntil()).contains(T0.plusSeconds(42));
        assertThat(step.state().pausedUntil(T0.plusSeconds(41))).contains(T0.plusSeconds(42));
        assertThat(step.state().pausedUntil(T0.plusSeconds(42))).isEmpty();
    }

    @Test
    void aShorterFloodWaitNeverShortensALongerOne() {
        AccountState longWait = guard.onFloodWait(AccountState.FRESH, Duration.ofSeconds(200), T0).state();

        assertThat(guard.onFloodWait(longWait, Duration.ofSeconds(10), T0.plusSeconds(5)).state().floodWaitUntil())
                .contains(T0.plusSeconds(200));
    }

    @Test
    void floodWaitsUpToTheSeriousLengthDoNotCountTowardASpamBlock() {
        AccountState state = AccountState.FRESH;
        for (int i = 0; i < 5; i++) {
            SpamGuard.Step step = guard.onFloodWait(state, Duration.ofSeconds(300), T0);
            assertThat(step.spamBlock()).isEmpty();
            state = step.state();
        }
        assertThat(state.seriousStreak()).isZero();
    }

    @Test
    void longFloodWaitsAndPeerFloodsAreSeriousAndTheThresholdStartsASpamBlock() {
        AccountState state = guard.onFloodWait(AccountState.FRESH, Duration.ofSeconds(301), T0).state();
        state = guard.onPeerFlood(state, T0).state();
        assertThat(state.seriousStreak()).isEqualTo(2);
        assertThat(state.spamBlockedAt(T0)).isFalse();

        SpamGuard.Step third = guard.onPeerFlood(state, T0.plusSeconds(10));

        assertThat(third.spamBlock()).contains(Duration.ofHours(1));
        assertThat(third.state().spamBlockUntil()).contains(T0.plusSeconds(10).plus(Duration.ofHours(1)));
        assertThat(third.state().seriousStreak()).isZero();
        assertThat(third.state().lastSpamBlockAt()).contains(T0.plusSeconds(10));
    }

    @Test
    void aSuccessResetsTheStreak() {
        AccountState state = guard.onSuccess(seriousErrors(AccountState.FRESH, 2, T0));
        SpamGuard.Step next = guard.onPeerFlood(state, T0);

        assertThat(next.spamBlock()).isEmpty();
        assertThat(next.state().seriousStreak()).isEqualTo(1);
    }

    @Test
    void spamBlocksWithinAWeekDoubleUpToTheMaximum() {
        AccountState state = AccountState.FRESH;
        Instant at = T0;
        Duration[] expected = {Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(5), Duration.ofHours(5)};
        for (Duration cooldown : expected) {
            state = seriousErrors(state, 2, at);
            SpamGuard.Step step = guard.onPeerFlood(state, at);
            assertThat(step.spamBlock()).contains(cooldown);
            state = step.state();
            at = at.plus(Duration.ofDays(1));
        }
    }

    @Test
    void aSpamBlockMoreThanAWeekAfterTheLastStartsAgainAtTheMinimum() {
        AccountState blocked = guard.onPeerFlood(seriousErrors(AccountState.FRESH, 2, T0), T0).state();
        Instant later = T0.plus(Duration.ofDays(7));

        SpamGuard.Step step = guard.onPeerFlood(seriousErrors(blocked, 2, later), later);

        assertThat(step.spamBlock()).contains(Duration.ofHours(1));
        assertThat(step.state().cooldownLevel()).isZero();
    }

    @Test
    void aThresholdOfOneBlocksAtTheFirstSeriousError() {
        SpamGuard strict = new SpamGuard(new SpamGuardSettings(Duration.ofHours(2), Duration.ofHours(48), 1, Duration.ofSeconds(300)));

        assertThat(strict.onPeerFlood(AccountState.FRESH, T0).spamBlock()).contains(Duration.ofHours(2));
        assertThat(strict.onFloodWait(AccountState.FRESH, Duration.ofSeconds(10), T0).spamBlock()).isEqualTo(Optional.empty());
    }
}
