package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DayPaceTest {

    private static final Limits SEED = TestAccounts.limits(TestAccounts.openLimits(),
            ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)), 40, 8, Duration.ZERO, Duration.ZERO, 2);

    private static DayPace pace(Limits limits) {
        return new DayPace(limits, new ActiveTime(limits.activeWindows(), limits.timezone()));
    }

    private static Instant local(String time) {
        return LocalDateTime.parse("2026-12-01T" + time).atZone(TestAccounts.ZONE).toInstant();
    }

    @Test
    void theLineStartsAtTheAllowanceAndMeetsTheBudgetAtTheLastActiveMoment() {
        DayPace pace = pace(SEED);

        assertThat(pace.line(local("00:00"))).isEqualTo(4, within(1e-9));
        assertThat(pace.line(local("05:00"))).isEqualTo(4, within(1e-9));
        // 5 of the 11 active hours have passed at 10:00, and still at 18:00
        assertThat(pace.line(local("10:00"))).isEqualTo(4 + 36 * 5 / 11.0, within(1e-9));
        assertThat(pace.line(local("18:00"))).isEqualTo(4 + 36 * 5 / 11.0, within(1e-9));
        assertThat(pace.line(local("23:59:59"))).isCloseTo(40, within(0.01));
    }

    @Test
    void aQuietAccountIsNeverAheadUntilItHasMadeTheAllowance() {
        DayPace pace = pace(SEED);

        assertThat(pace.ahead(local("05:00"), 4)).isFalse();
        assertThat(pace.ahead(local("05:00"), 5)).isTrue();
        assertThat(pace.onPaceFrom(local("05:00"), 4)).isEqualTo(local("05:00"));
    }

    @Test
    void anAccountAheadIsBackOnPaceWhenTheLineReachesItsCountSkippingInactiveHours() {
        DayPace pace = pace(SEED);

        // 22 = 4 + 36 * share needs half the active time: 5.5 of 11 hours, which is 18:30 (05-10 are the first 5)
        assertThat(pace.onPaceFrom(local("09:00"), 22)).isEqualTo(local("18:30"));
        assertThat(pace.ahead(local("18:30"), 22)).isFalse();
    }

    @Test
    void theWholeBudgetMadeWaitsForTheNextDay() {
        DayPace pace = pace(SEED);

        assertThat(pace.onPaceFrom(local("20:00"), 41)).isEqualTo(local("05:00").plus(Duration.ofDays(1)));
    }

    @Test
    void theAllowanceIsTenPercentOfTheBudgetButAtLeastTwo() {
        assertThat(pace(TestAccounts.limits(SEED, SEED.activeWindows(), 10, 8, Duration.ZERO, Duration.ZERO, 2)).line(local("00:00")))
                .isEqualTo(2, within(1e-9));
        assertThat(pace(TestAccounts.limits(SEED, SEED.activeWindows(), 300, 30, Duration.ZERO, Duration.ZERO, 2)).line(local("00:00")))
                .isEqualTo(30, within(1e-9));
        assertThat(pace(TestAccounts.limits(SEED, SEED.activeWindows(), 1, 8, Duration.ZERO, Duration.ZERO, 2)).ahead(local("23:00"), 1))
                .isFalse();
    }
}
