package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ActiveTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final ActiveTime allDay = new ActiveTime(ActiveWindows.of(new HourWindow(0, 24)), BERLIN);
    private final ActiveTime morningAndEvening = new ActiveTime(ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)), BERLIN);

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void theRightEndOfAWindowIsExclusive() {
        assertThat(morningAndEvening.isActive(local("2026-12-01T09:59:59"))).isTrue();
        assertThat(morningAndEvening.isActive(local("2026-12-01T10:00:00"))).isFalse();
        assertThat(morningAndEvening.isActive(local("2026-12-01T23:59:59"))).isTrue();
        assertThat(morningAndEvening.isActive(local("2026-12-02T00:00:00"))).isFalse();
    }

    @Test
    void nextActiveIsTheStartOfTheNextWindow() {
        assertThat(morningAndEvening.nextActive(local("2026-12-01T10:00:00"))).isEqualTo(local("2026-12-01T18:00:00"));
        assertThat(morningAndEvening.nextActive(local("2026-12-01T00:30:00"))).isEqualTo(local("2026-12-01T05:00:00"));
        assertThat(morningAndEvening.nextActive(local("2026-12-01T07:12:00"))).isEqualTo(local("2026-12-01T07:12:00"));
    }

    @Test
    void aSpringForwardDayHasTwentyThreeActiveHoursAndAFallBackDayTwentyFive() {
        assertThat(allDay.activeLeftToday(local("2026-03-29T00:00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(allDay.activeLeftToday(local("2026-10-25T00:00:00"))).isEqualTo(Duration.ofHours(25));
        assertThat(allDay.activeLeftToday(local("2026-12-01T00:00:00"))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void windowsKeepTheirLocalHoursAcrossDaylightSavingChanges() {
        ActiveTime night = new ActiveTime(ActiveWindows.of(new HourWindow(1, 4)), BERLIN);

        // 02:00-03:00 does not exist on the spring-forward day, 02:00-03:00 happens twice on the fall-back day
        assertThat(night.activeLeftToday(local("2026-03-29T00:00:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.activeLeftToday(local("2026-10-25T00:00:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(night.nextActive(local("2026-03-29T00:10:00"))).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(morningAndEvening.dayStart(local("2026-03-29T12:00:00"))).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(morningAndEvening.nextDayStart(local("2026-03-29T12:00:00"))).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void advanceSpendsOnlyActiveTimeAndMovesToTomorrowWhenTodayRunsOut() {
        assertThat(morningAndEvening.advance(local("2026-12-01T09:30:00"), Duration.ofMinutes(45)))
                .isEqualTo(local("2026-12-01T18:15:00"));
        assertThat(morningAndEvening.advance(local("2026-12-01T12:00:00"), Duration.ofMinutes(10)))
                .isEqualTo(local("2026-12-01T18:10:00"));
        assertThat(morningAndEvening.advance(local("2026-12-01T23:30:00"), Duration.ofHours(1)))
                .isEqualTo(local("2026-12-02T05:00:00"));
    }
}
