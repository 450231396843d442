package dev.marketolog.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A value read from something that may hang (the database, Redis), for an answer that must not: {@link #refresh()}
 * starts one read on a virtual thread unless one is still running, and {@link #by(long)} takes its result if it arrives
 * before the deadline, else the last value read. The source must not throw.
 */
final class LastKnown<T> {

    private final Supplier<T> source;
    private final AtomicReference<CompletableFuture<T>> reading = new AtomicReference<>();
    private volatile T last;

    LastKnown(Supplier<T> source, T initial) {
        this.source = source;
        this.last = initial;
    }

    /** Starts a read unless one is under way: callers that come while the source hangs share the one read. */
    void refresh() {
        CompletableFuture<T> current = reading.get();
        if (current != null && !current.isDone()) {
            return;
        }
        CompletableFuture<T> next = new CompletableFuture<>();
        if (reading.compareAndSet(current, next)) {
            Thread.ofVirtual().name("marketolog-health-read").start(() -> {
                try {
                    T value = source.get();
                    last = value;
                    next.complete(value);
                } catch (RuntimeException e) {
                    next.completeExceptionally(e); // the last value stands
                }
            });
        }
    }

    /** The value of the read under way if it ends before {@code deadlineNanos} ({@link System#nanoTime()}), else the last one. */
    T by(long deadlineNanos) {
        CompletableFuture<T> current = reading.get();
        if (current == null) {
            return last;
        }
        try {
            return current.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        }
    }
}
