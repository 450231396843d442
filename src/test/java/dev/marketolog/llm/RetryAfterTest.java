package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse(Optional.of(" 30 "), NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse(Optional.of("Wed, 25 Nov 2026 12:01:30 GMT"), NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse(Optional.of("Wed, 25 Nov 2026 11:00:00 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageAndAbsenceAreIgnored() {
        assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
    }
}
