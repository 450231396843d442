package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStateStore}, {@link ChannelStateStore} and {@link LeaseStore} does; each adapter's test extends it. */
public abstract class StateStoresContract {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** Fresh, empty stores in which accounts {@code a}, {@code b} and {@code c} exist. */
    protected abstract EngineStores emptyStores();

    @Test
    void accountStateIsFreshUntilSavedAndThenReadBack() {
        AccountStateStore states = emptyStores().accountStates();
        assertThat(states.load("a")).isEqualTo(AccountState.FRESH);

        AccountState blocked = new AccountState(Optional.of(T0.plusSeconds(3600)), 0, 2, Optional.of(T0), Optional.of(T0.plusSeconds(60)));
        states.save("a", blocked, T0);
        AccountState streak = new AccountState(Optional.empty(), 1, 0, Optional.empty(), Optional.empty());
        states.save("b", streak, T0);
        states.save("b", AccountState.FRESH, T0.plusSeconds(1));

        assertThat(states.load("a")).isEqualTo(blocked);
        assertThat(states.load("b")).isEqualTo(AccountState.FRESH);
    }

    @Test
    void bansAndHoldsArePerAccountAndABanStaysUntilCleared() {
        ChannelStateStore channels = emptyStores().channelStates();
        channels.ban("a", -1001, "CHAT_WRITE_FORBIDDEN", T0);
        channels.hold("a", -1002, T0.plusSeconds(30));
        channels.hold("a", -1001, T0.plusSeconds(60));

        assertThat(channels.load("a")).isEqualTo(Map.of(
                -1001L, new ChannelState(Optional.of("CHAT_WRITE_FORBIDDEN"), Optional.of(T0.plusSeconds(60))),
                -1002L, new ChannelState(Optional.empty(), Optional.of(T0.plusSeconds(30)))));
        assertThat(channels.load("b")).isEmpty();

        channels.clearBan("a", -1001);

        assertThat(channels.load("a").get(-1001L).banned()).isFalse();
    }

    @Test
    void aLeaseHasOneOwnerUntilItExpiresOrIsReleased() {
        LeaseStore leases = emptyStores().leases();
        Duration term = Duration.ofMinutes(5);
        long first = leases.take("a", "one", term).orElseThrow();
        assertThat(leases.take("a", "two", term)).isEmpty();
        assertThat(leases.renew("a", "one", first, term)).isTrue();
        assertThat(leases.take("a", "two", term)).isEmpty();
        assertThat(leases.take("b", "two", term)).isPresent();

        leases.release("a", "two");
        assertThat(leases.take("a", "two", term)).isEmpty();
        leases.release("a", "one");
        assertThat(leases.renew("a", "one", first, term)).isFalse();
        assertThat(leases.take("a", "two", term)).hasValue(first + 1);
        assertThat(leases.take("a", "one", term)).isEmpty();
    }

    @Test
    void everyTakeOfALeaseHasAGreaterEpochAndOnlyTheLatestRenews() {
        LeaseStore leases = emptyStores().leases();
        Duration term = Duration.ofMinutes(5);
        long first = leases.take("a", "one", term).orElseThrow();

        long again = leases.take("a", "one", term).orElseThrow(); // the same instance, restarted: at once

        assertThat(again).isGreaterThan(first);
        assertThat(leases.renew("a", "one", first, term)).isFalse();
        assertThat(leases.renew("a", "one", again, term)).isTrue();
        assertThat(leases.renew("a", "two", again, term)).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenByAnotherAndCannotBeRenewed() {
        LeaseStore leases = emptyStores().leases();
        long lapsed = leases.take("a", "one", Duration.ZERO).orElseThrow();

        assertThat(leases.renew("a", "one", lapsed, Duration.ofMinutes(5))).isFalse();
        assertThat(leases.take("a", "two", Duration.ofMinutes(5))).hasValue(lapsed + 1);
    }
}
