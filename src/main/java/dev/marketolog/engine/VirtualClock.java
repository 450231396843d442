package dev.marketolog.engine;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Deterministic virtual time: tasks run on the caller's thread in order of their instant (ties in the order they were
 * scheduled), and the clock jumps from one task to the next. A virtual week runs in the time its tasks take.
 */
public final class VirtualClock implements EngineClock {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Task scheduled = new Task(at.isBefore(now) ? now : at, sequence++, task);
        queue.add(scheduled);
        return scheduled;
    }

    /** Runs every task due up to and including {@code end}, then sets the clock to {@code end}. */
    public void runUntil(Instant end) {
        while (!queue.isEmpty() && !queue.peek().at.isAfter(end)) {
            Task task = queue.poll();
            now = task.at;
            if (!task.cancelled) {
                task.action.run();
            }
        }
        if (end.isAfter(now)) {
            now = end;
        }
    }

    /** How many tasks wait, cancelled ones included until their time comes. */
    public int pending() {
        return queue.size();
    }

    private static final class Task implements Comparable<Task>, Scheduled {
        private final Instant at;
        private final long sequence;
        private final Runnable action;
        private boolean cancelled;

        private Task(Instant at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
