package dev.marketolog.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0-based) wait a uniform time in
 * {@code [0, min(cap, base * 2^n)]}, but never less than what the server asked with Retry-After.
 *
 * @param base the ceiling of the first wait
 * @param cap the largest ceiling
 * @param longestServerWait a Retry-After longer than this ends the retries instead of being waited out
 * @param random the jitter source
 */
public record Backoff(Duration base, Duration cap, Duration longestServerWait, RandomGenerator random) {

    /** One second doubling up to thirty; a server asking for more than a minute gets its answer later, from the engine. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), RandomGenerator.getDefault());
    }

    /** The wait before retry {@code retry}, or empty when the server asked to wait longer than we are willing to. */
    public Optional<Duration> delay(int retry, Optional<Duration> serverAsked) {
        if (serverAsked.isPresent() && serverAsked.get().compareTo(longestServerWait) > 0) {
            return Optional.empty();
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(retry, 30));
        Duration jittered = Duration.ofMillis(random.nextLong(ceiling + 1));
        return Optional.of(serverAsked.filter(asked -> asked.compareTo(jittered) > 0).orElse(jittered));
    }
}
