package dev.marketolog.telegram.tdlib;

import java.time.Duration;

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
        return RealTimeScheduler.INSTANCE;
    }
}
