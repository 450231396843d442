package dev.marketolog.engine;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The engine's only source of time: what time it is, and running a task at a later instant.
 * Real time in {@code serve}; {@link VirtualClock} in {@code simulate} and in tests.
 */
public interface EngineClock extends InstantSource {

    /** Runs {@code task} at {@code at} (at once when {@code at} has passed). */
    Scheduled schedule(Instant at, Runnable task);

    /** A task waiting for its time. */
    interface Scheduled {
        /** Stops the task from running if it has not started yet. */
        void cancel();
    }
}
