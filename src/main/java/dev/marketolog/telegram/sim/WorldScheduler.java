package dev.marketolog.telegram.sim;

import java.time.Instant;

/**
 * How a {@link SimWorld} runs something later: on a virtual clock in {@code simulate} and tests, on the real clock in the
 * sandbox. The world asks for its own time through an {@link java.time.InstantSource}.
 */
@FunctionalInterface
public interface WorldScheduler {

    /** Runs {@code task} at {@code at} (at once when {@code at} has passed). */
    void schedule(Instant at, Runnable task);
}
