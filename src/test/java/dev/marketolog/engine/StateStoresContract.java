package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(leases.acquire("a", "one", T0, T0.plusSeconds(300))).isTrue();
        assertThat(leases.acquire("a", "two", T0.plusSeconds(10), T0.plusSeconds(310))).isFalse();
        assertThat(leases.acquire("a", "one", T0.plusSeconds(100), T0.plusSeconds(400))).isTrue();
        assertThat(leases.acquire("a", "two", T0.plusSeconds(399), T0.plusSeconds(700))).isFalse();
        assertThat(leases.acquire("b", "two", T0, T0.plusSeconds(300))).isTrue();

        assertThat(leases.acquire("a", "two", T0.plusSeconds(400), T0.plusSeconds(700))).isTrue();
        leases.release("a", "one");
        assertThat(leases.acquire("a", "one", T0.plusSeconds(500), T0.plusSeconds(800))).isFalse();
        leases.release("a", "two");
        assertThat(leases.acquire("a", "one", T0.plusSeconds(500), T0.plusSeconds(800))).isTrue();
    }
}
