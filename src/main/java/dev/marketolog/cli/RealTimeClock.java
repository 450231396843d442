package dev.marketolog.cli;

import dev.marketolog.engine.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engine's clock in {@code serve}: the system's time, and each task started on its own virtual thread when its
 * instant comes, so a task may block on Telegram or the LLM. One platform thread only keeps the timetable.
 */
public final class RealTimeClock implements EngineClock, AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final InstantSource source;
    private final ScheduledExecutorService timetable;
    private final ExecutorService tasks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("engine-task-", 0).factory());

    public RealTimeClock() {
        this(InstantSource.system(),
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("engine-clock").daemon().factory()));
    }

    /** A clock on the given time and timetable; a test holds the timetable's one thread to order things exactly. */
    RealTimeClock(InstantSource source, ScheduledExecutorService timetable) {
        this.source = source;
        this.timetable = timetable;
    }

    @Override
    public Instant instant() {
        return source.instant();
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(source.instant(), at).toNanos());
        ScheduledFuture<?> timer = timetable.schedule(() -> tasks.execute(task), delay, TimeUnit.NANOSECONDS);
        return () -> timer.cancel(false);
    }

    /** Drops the tasks still waiting and waits a little for the running ones to finish. */
    @Override
    public void close() throws InterruptedException {
        timetable.shutdownNow();
        tasks.shutdown();
        tasks.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
