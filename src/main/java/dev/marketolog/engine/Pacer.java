package dev.marketolog.engine;

import dev.marketolog.config.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When the scheduler branch looks next: the day's remaining budget spread over the day's remaining active time with
 * jitter, so the evening is not starved by the morning, never faster than MESSAGES_PER_HOUR on average, and never while
 * the account is ahead of the {@link DayPace day's pace} (which the instant branch keeps too).
 */
final class Pacer {

    private static final double JITTER = 0.4;

    private final Limits limits;
    private final ActiveTime activeTime;
    private final DayPace pace;
    private final RandomGenerator random;

    Pacer(Limits limits, ActiveTime activeTime, DayPace pace, RandomGenerator random) {
        this.limits = limits;
        this.activeTime = activeTime;
        this.pace = pace;
        this.random = random;
    }

    Instant nextTick(Instant now, int countedToday) {
        int budget = limits.messagesPerDay() - countedToday;
        Duration activeLeft = activeTime.activeLeftToday(now);
        if (budget <= 0 || activeLeft.isZero() || limits.messagesPerHour() <= 0) {
            return activeTime.nextActive(activeTime.nextDayStart(now));
        }
        Duration hourly = dividedBy(Duration.ofHours(1), limits.messagesPerHour());
        Duration spread = max(dividedBy(activeLeft, budget), hourly);
        Duration jittered = Duration.ofMillis((long) (spread.toMillis() * random.nextDouble(1 - JITTER, 1 + JITTER)));
        Instant spreadTick = activeTime.advance(now, max(max(jittered, hourly), max(limits.minIntervalBetweenMessages(), Duration.ofSeconds(1))));
        return latest(spreadTick, pace.onPaceFrom(now, countedToday));
    }

    /**
     * {@code duration.dividedBy(divisor)} for the positive durations of a day: in nanoseconds, as it rounds (towards
     * zero), without the {@code BigDecimal}s it goes through on every tick.
     */
    private static Duration dividedBy(Duration duration, long divisor) {
        return Duration.ofNanos(duration.toNanos() / divisor);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
