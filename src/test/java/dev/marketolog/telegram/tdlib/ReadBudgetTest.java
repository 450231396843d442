package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadBudgetTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final InstantSource clock = now::get;

    @Test
    void aBurstIsFreeThenEachReadWaitsForItsRefill() {
        ReadBudget budget = new ReadBudget(3, Duration.ofSeconds(2), clock);

        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(2));
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void idleTimeRefillsUpToTheCapacityOnly() {
        ReadBudget budget = new ReadBudget(2, Duration.ofSeconds(2), clock);
        budget.reserve();
        budget.reserve();

        now.set(now.get().plus(Duration.ofMinutes(10)));

        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isZero();
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFloodWaitHoldsTheReadsUntilItIsOverAndAShorterOneNeverShortensIt() {
        ReadBudget budget = new ReadBudget(2, Duration.ofSeconds(2), clock);
        assertThat(budget.held()).isFalse();

        budget.hold(Duration.ofSeconds(30));
        budget.hold(Duration.ofSeconds(5));
        now.set(now.get().plusSeconds(29));
        assertThat(budget.held()).isTrue();

        now.set(now.get().plusSeconds(1));
        assertThat(budget.held()).isFalse();
    }
}
