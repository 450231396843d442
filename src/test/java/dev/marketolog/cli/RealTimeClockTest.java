package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RealTimeClockTest {

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
        ran.await();
        clock.close();

        assertThat(virtual).containsExactly(true);
        assertThat(at.getFirst()).isAfterOrEqualTo(due);
    }

    @Test
    void aCancelledTaskNeverRuns() throws InterruptedException {
        RealTimeClock clock = new RealTimeClock();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch later = new CountDownLatch(1);

        // far enough ahead that even a loaded machine cancels it before its time
        clock.schedule(clock.instant().plusSeconds(2), () -> seen.add("cancelled")).cancel();
        clock.schedule(clock.instant().plusMillis(2500), () -> {
            seen.add("later");
            later.countDown();
        });
        later.await();
        clock.close();

        assertThat(seen).containsExactly("later");
    }
}
