package dev.marketolog.engine;

import dev.marketolog.config.Limits;
import java.time.Duration;
import java.time.Instant;

/**
 * The day's pace, which both branches keep: by a moment of the day the account may have made at most MESSAGES_PER_DAY
 * times the share of today's active time already passed, plus an allowance of max(2, 10% of MESSAGES_PER_DAY) so that
 * a quiet account still answers a new post at once. The allowance fades out over the day (the line is
 * {@code allowance + (budget - allowance) * share}), so the line meets the budget only at the day's last active
 * moment: otherwise a busy day spends its budget an hour before the last window closes.
 */
final class DayPace {

    private static final int MIN_ALLOWANCE = 2;
    private static final double ALLOWANCE_SHARE = 0.1;

    private final int budget;
    private final double allowance;
    private final ActiveTime activeTime;

    DayPace(Limits limits, ActiveTime activeTime) {
        this.budget = limits.messagesPerDay();
        this.allowance = Math.min(budget, Math.max(MIN_ALLOWANCE, ALLOWANCE_SHARE * budget));
        this.activeTime = activeTime;
    }

    /** How many comments the account may have made today by {@code now} and still comment now. */
    double line(Instant now) {
        return allowance + (budget - allowance) * passedShare(now);
    }

    /** Whether the account, with {@code countedToday} comments today, is ahead of the day's pace at {@code now}. */
    boolean ahead(Instant now, int countedToday) {
        return countedToday > line(now);
    }

    /**
     * The first moment from {@code now} at which the account is no longer ahead, counting {@code countedToday}; the
     * start of the next day's first window when that is not today.
     */
    Instant onPaceFrom(Instant now, int countedToday) {
        if (!ahead(now, countedToday)) {
            return now;
        }
        double share = (countedToday - allowance) / (budget - allowance);
        if (share >= 1) {
            return activeTime.nextActive(activeTime.nextDayStart(now));
        }
        Instant dayStart = activeTime.dayStart(now);
        long activeMillis = (long) Math.ceil(activeTime.activeLeftToday(dayStart).toMillis() * share);
        return activeTime.advance(dayStart, Duration.ofMillis(activeMillis));
    }

    /** The share of today's active time that lies before {@code now}, from 0 to 1. */
    private double passedShare(Instant now) {
        long total = activeTime.activeLeftToday(activeTime.dayStart(now)).toMillis();
        if (total == 0) {
            return 1;
        }
        return 1 - (double) activeTime.activeLeftToday(now).toMillis() / total;
    }
}
