package dev.marketolog.telegram.tdlib;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: request timeouts, the wait for a sent comment's outcome, the settling of an album.
 * The service uses one real-time timer thread; tests advance a hand-driven one, so nothing in them waits on the wall
 * clock. Tasks must be short: they run on the timer's one thread.
 */
@FunctionalInterface
public interface TdScheduler {

    /** A scheduled task; cancelling one that already ran does nothing. */
    @FunctionalInterface
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    /** The process's real-time timer: one daemon platform thread, cancelled tasks dropped at once. */
    static TdScheduler realTime() {
        return RealTime.SCHEDULER;
    }

    /** Holder of the one real-time timer, started on first use. */
    final class RealTime {
        private static final TdScheduler SCHEDULER = start();

        private RealTime() {}

        private static TdScheduler start() {
            var executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("tdlib-timer").daemon().factory());
            // thousands of 30 s request timeouts are cancelled by their answers: drop them instead of keeping them queued
            executor.setRemoveOnCancelPolicy(true);
            return (delay, task) -> {
                var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            };
        }
    }
}
