package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RealTimeClockTest {

    /** A generous bound for things that happen at once on an idle machine; only a hang reaches it. */
    private static final long PATIENCE_SECONDS = 30;

    @Test
    void runsEachTaskOnAVirtualThreadNoSoonerThanItsInstant() throws InterruptedException {
        RealTimeClock clock = new RealTimeClock();
        CountDownLatch ran = new CountDownLatch(1);
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        List<Instant> at = new CopyOnWriteArrayList<>();
        Instant due = clock.instant().plusMillis(50);

        clock.schedule(due, () -> {
            virtual.add(Thread.currentThread().isVirtual());
            at.add(clock.instant());
            ran.countDown();
        });
        assertThat(ran.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        clock.close();

        assertThat(virtual).containsExactly(true);
        assertThat(at.getFirst()).isAfterOrEqualTo(due);
    }

    @Test
    void aCancelledTaskNeverRuns() throws InterruptedException {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        ScheduledExecutorService timetable = Executors.newSingleThreadScheduledExecutor();
        RealTimeClock clock = new RealTimeClock(InstantSource.fixed(now), timetable);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch later = new CountDownLatch(1);
        // The timetable's one thread is held, so both tasks are already due when it is free: only the cancel stops one.
        timetable.submit(() -> {
            held.countDown();
            return release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        });
        assertThat(held.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        clock.schedule(now, () -> seen.add("cancelled")).cancel();
        clock.schedule(now, () -> {
            seen.add("later");
            later.countDown();
        });
        release.countDown();
        assertThat(later.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        clock.close(); // waits for every task handed over, so a wrongly run cancelled one is seen too

        assertThat(seen).containsExactly("later");
    }
}
