package dev.marketolog.telegram.tdlib;

import java.time.Duration;
import java.util.Comparator;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A {@link TdScheduler} on virtual time: tasks run when a test advances the time past them, on the test's thread. */
public final class ManualScheduler implements TdScheduler {

    private record Task(Duration due, Duration delay, long order, Runnable action) {}

    private final NavigableSet<Task> tasks = new TreeSet<>(Comparator.comparing(Task::due).thenComparingLong(Task::order));
    private Duration now = Duration.ZERO;
    private long scheduled;

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task entry = new Task(now.plus(delay), delay, scheduled++, task);
        tasks.add(entry);
        return () -> cancel(entry);
    }

    private synchronized void cancel(Task task) {
        tasks.remove(task);
    }

    /** How many tasks wait to run. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Whether a task scheduled with this delay waits to run: tells a test that the code got as far as scheduling it. */
    public synchronized boolean hasPending(Duration delay) {
        return tasks.stream().anyMatch(task -> task.delay().equals(delay));
    }

    /** Moves time on by {@code step}, running every task that falls due, in order. */
    public void advance(Duration step) {
        Duration until;
        synchronized (this) {
            until = now.plus(step);
        }
        for (Task next = nextDue(until); next != null; next = nextDue(until)) {
            next.action().run();
        }
        synchronized (this) {
            now = until;
        }
    }

    private synchronized Task nextDue(Duration until) {
        Task next = tasks.isEmpty() ? null : tasks.first();
        if (next == null || next.due().compareTo(until) > 0) {
            return null;
        }
        tasks.pollFirst();
        now = next.due();
        return next;
    }
}
