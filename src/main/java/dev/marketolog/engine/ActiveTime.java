package dev.marketolog.engine;

import dev.marketolog.config.ActiveWindows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * ACTIVE_WINDOWS in TIMEZONE on the real time line. Local hours are read through {@link ZonedDateTime}, so a
 * daylight-saving day has its 23 or 25 real hours, and a window's right end is exclusive.
 */
public final class ActiveTime {

    /** No window set has an active hour further than this from any instant (a day, plus a DST shift, plus margin). */
    private static final int HOURS_TO_SEARCH = 50;

    private final ActiveWindows windows;
    private final ZoneId zone;
    /** The windows hour by hour: every gate check and tick asks, so they are looked up, not searched. */
    private final boolean[] activeHour = new boolean[24];

    public ActiveTime(ActiveWindows windows, ZoneId zone) {
        this.windows = windows;
        this.zone = zone;
        for (int hour = 0; hour < activeHour.length; hour++) {
            activeHour[hour] = windows.containsHour(hour);
        }
    }

    public boolean isActive(Instant at) {
        return activeHour[at.atZone(zone).getHour()];
    }

    /** {@code at} when it is active, else the start of the next active local hour. */
    public Instant nextActive(Instant at) {
        ZonedDateTime hour = at.atZone(zone);
        for (int i = 0; i < HOURS_TO_SEARCH; i++) {
            if (activeHour[hour.getHour()]) {
                return i == 0 ? at : hour.toInstant();
            }
            hour = nextHourStart(hour);
        }
        throw new IllegalStateException("no active hour in " + windows);
    }

    /** The start of the local day {@code at} falls in. */
    public Instant dayStart(Instant at) {
        return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The start of the next local day. */
    public Instant nextDayStart(Instant at) {
        return at.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** How much active time is left from {@code at} to the end of its local day. */
    public Duration activeLeftToday(Instant at) {
        Instant end = nextDayStart(at);
        Duration total = Duration.ZERO;
        Instant cursor = at;
        while (cursor.isBefore(end)) {
            ZonedDateTime local = cursor.atZone(zone);
            Instant segmentEnd = min(nextHourStart(local).toInstant(), end);
            if (activeHour[local.getHour()]) {
                total = total.plus(Duration.between(cursor, segmentEnd));
            }
            cursor = segmentEnd;
        }
        return total;
    }

    /**
     * The instant reached by spending {@code active} of active time from {@code at}, skipping inactive hours; when the
     * day's active time runs out first, the start of the next day's first window.
     */
    public Instant advance(Instant at, Duration active) {
        Instant end = nextDayStart(at);
        Duration left = active;
        Instant cursor = nextActive(at);
        while (cursor.isBefore(end)) {
            ZonedDateTime local = cursor.atZone(zone);
            Instant segmentEnd = min(nextHourStart(local).toInstant(), end);
            if (activeHour[local.getHour()]) {
                Duration segment = Duration.between(cursor, segmentEnd);
                if (left.compareTo(segment) < 0) {
                    return cursor.plus(left);
                }
                left = left.minus(segment);
            }
            cursor = segmentEnd;
        }
        return nextActive(end);
    }

    private static ZonedDateTime nextHourStart(ZonedDateTime local) {
        // plusHours works on the instant time line, so a repeated or skipped local hour is stepped through correctly
        return local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
