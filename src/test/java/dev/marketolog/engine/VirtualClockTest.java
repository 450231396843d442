package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void runsTasksInTimeOrderAndMovesTheClockToEach() {
        VirtualClock clock = new VirtualClock(START);
        List<String> seen = new ArrayList<>();
        clock.schedule(START.plusSeconds(20), () -> seen.add("b@" + clock.instant()));
        clock.schedule(START.plusSeconds(10), () -> seen.add("a@" + clock.instant()));
        clock.schedule(START.plusSeconds(20), () -> seen.add("c@" + clock.instant()));

        clock.runUntil(START.plus(Duration.ofMinutes(1)));

        assertThat(seen).containsExactly(
                "a@" + START.plusSeconds(10), "b@" + START.plusSeconds(20), "c@" + START.plusSeconds(20));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }

    @Test
    void tasksScheduledByTasksRunInTheSameRunAndPastInstantsRunNow() {
        VirtualClock clock = new VirtualClock(START);
        List<Instant> seen = new ArrayList<>();
        clock.schedule(START.plusSeconds(5), () -> clock.schedule(START, () -> seen.add(clock.instant())));

        clock.runUntil(START.plusSeconds(60));

        assertThat(seen).containsExactly(START.plusSeconds(5));
    }

    @Test
    void cancelledTasksDoNotRunAndLaterTasksWait() {
        VirtualClock clock = new VirtualClock(START);
        List<String> seen = new ArrayList<>();
        clock.schedule(START.plusSeconds(5), () -> seen.add("cancelled")).cancel();
        clock.schedule(START.plusSeconds(500), () -> seen.add("later"));

        clock.runUntil(START.plusSeconds(60));

        assertThat(seen).isEmpty();
        assertThat(clock.pending()).isEqualTo(1);
    }
}
