package dev.marketolog.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountTallyTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theBusiestRollingHourCountsTheMostCommentsWithinAnyHour() {
        List<Instant> times = List.of(T, T.plusSeconds(600), T.plusSeconds(3000), T.plusSeconds(3599), T.plusSeconds(4000));

        assertThat(AccountTally.busiestRollingHour(times)).isEqualTo(4);
    }

    @Test
    void commentsExactlyAnHourApartAreNotInOneHour() {
        assertThat(AccountTally.busiestRollingHour(List.of(T, T.plusSeconds(3600), T.plusSeconds(7200)))).isEqualTo(1);
        assertThat(AccountTally.busiestRollingHour(List.of())).isZero();
    }
}
