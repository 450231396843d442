package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OWASP authentication cheat sheet, "protect against automated attacks": failed attempts are throttled per address. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-03T14:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(() -> now);

    @Test
    void fiveFailuresWithinAMinuteRefuseTheAddressUntilTheFirstIsAMinuteOld() {
        for (int i = 1; i <= 5; i++) {
            assertThat(throttle.refusedFor("10.0.0.1")).as("before failure %d", i).isEmpty();
            assertThat(throttle.recordFailure("10.0.0.1")).isEqualTo(i);
            now = now.plusSeconds(10);
        }

        assertThat(throttle.refusedFor("10.0.0.1")).hasValue(Duration.ofSeconds(10));
        assertThat(throttle.refusedFor("10.0.0.2")).as("another address").isEmpty();
        now = now.plusSeconds(10);
        assertThat(throttle.refusedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteAreNeverRefused() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("10.0.0.1");
            now = now.plusSeconds(13);
            assertThat(throttle.refusedFor("10.0.0.1")).isEmpty();
        }
    }

    @Test
    void theSixthFailureInAMinuteKeepsTheAddressRefused() {
        for (int i = 0; i < 6; i++) {
            throttle.recordFailure("::1");
        }
        assertThat(throttle.recordFailure("::1")).isEqualTo(LoginThrottle.MAX_FAILURES);
        assertThat(throttle.refusedFor("::1")).hasValue(LoginThrottle.WINDOW);
    }
}
