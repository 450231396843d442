package dev.marketolog.llm;

import java.time.Duration;

/** Waits between retries; tests pass one that records the wait and returns at once. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
