package dev.marketolog.telegram.tdlib;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one real-time {@link TdScheduler} of the process, started on first use. */
final class RealTimeScheduler implements TdScheduler {

    static final RealTimeScheduler INSTANCE = new RealTimeScheduler();

    private final ScheduledThreadPoolExecutor executor =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("tdlib-timer").daemon().factory());

    private RealTimeScheduler() {
        // thousands of 30 s request timeouts are cancelled by their answers: drop them instead of keeping them queued
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
