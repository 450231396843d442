package dev.marketolog.engine;

import dev.marketolog.config.ActiveWindows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * ACTIVE_WINDOWS in TIMEZONE on the real time line. Local hours are read through {@link ZonedDateTime}, so a
 * daylight-saving day has its 23 or 25 real hours, and a window's right end is exclusive.
 */
public final class ActiveTime {

    /** No window set has an active hour further than this many days from any instant (a day, plus a DST shift, plus margin). */
    private static final int DAYS_TO_SEARCH = 3;

    private final ActiveWindows windows;
    private final ZoneId zone;
    /** The windows hour by hour, looked up while a day's active spans are laid out. */
    private final boolean[] activeHour = new boolean[24];
    /**
     * The last local day asked about: every tick and gate check of an account asks about today many times, and time
     * zone arithmetic was a fifth of a simulated week's CPU. Immutable, so threads that race on it only recompute it.
     */
    private volatile Day lastDay;

    public ActiveTime(ActiveWindows windows, ZoneId zone) {
        this.windows = windows;
        this.zone = zone;
        for (int hour = 0; hour < activeHour.length; hour++) {
            activeHour[hour] = windows.containsHour(hour);
        }
    }

    /** One local day, {@code [start, end)}, and its active spans in time order (adjacent active hours joined). */
    private record Day(Instant start, Instant end, List<Span> spans) {
        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    private record Span(Instant start, Instant end) {}

    public boolean isActive(Instant at) {
        for (Span span : day(at).spans()) {
            if (at.isBefore(span.start())) {
                return false;
            }
            if (at.isBefore(span.end())) {
                return true;
            }
        }
        return false;
    }

    /** {@code at} when it is active, else the start of the next active local hour. */
    public Instant nextActive(Instant at) {
        Day day = day(at);
        for (int i = 0; i < DAYS_TO_SEARCH; i++) {
            for (Span span : day.spans()) {
                if (at.isBefore(span.end())) {
                    return at.isBefore(span.start()) ? span.start() : at;
                }
            }
            day = day(day.end());
        }
        throw new IllegalStateException("no active hour in " + windows);
    }

    /** The start of the local day {@code at} falls in. */
    public Instant dayStart(Instant at) {
        return day(at).start();
    }

    /** The start of the next local day. */
    public Instant nextDayStart(Instant at) {
        return day(at).end();
    }

    /** How much active time is left from {@code at} to the end of its local day. */
    public Duration activeLeftToday(Instant at) {
        Duration total = Duration.ZERO;
        for (Span span : day(at).spans()) {
            if (at.isBefore(span.end())) {
                total = total.plus(Duration.between(at.isAfter(span.start()) ? at : span.start(), span.end()));
            }
        }
        return total;
    }

    /**
     * The instant reached by spending {@code active} of active time from {@code at}, skipping inactive hours; when the
     * day's active time runs out first, the start of the next day's first window.
     */
    public Instant advance(Instant at, Duration active) {
        Day day = day(at);
        Duration left = active;
        for (Span span : day.spans()) {
            if (!at.isBefore(span.end())) {
                continue;
            }
            Instant from = at.isAfter(span.start()) ? at : span.start();
            Duration spent = Duration.between(from, span.end());
            if (left.compareTo(spent) < 0) {
                return from.plus(left);
            }
            left = left.minus(spent);
        }
        return nextActive(day.end());
    }

    private Day day(Instant at) {
        Day day = lastDay;
        if (day == null || !day.contains(at)) {
            day = layOut(at.atZone(zone).toLocalDate());
            lastDay = day;
        }
        return day;
    }

    /** The day's local hours from its start, each stepped on the instant time line so a repeated or skipped hour counts right. */
    private Day layOut(LocalDate date) {
        ZonedDateTime start = date.atStartOfDay(zone);
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Span> spans = new ArrayList<>();
        ZonedDateTime hour = start;
        while (hour.toInstant().isBefore(end)) {
            Instant hourEnd = min(hour.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(), end);
            if (activeHour[hour.getHour()]) {
                if (!spans.isEmpty() && spans.getLast().end().equals(hour.toInstant())) {
                    spans.set(spans.size() - 1, new Span(spans.getLast().start(), hourEnd));
                } else {
                    spans.add(new Span(hour.toInstant(), hourEnd));
                }
            }
            hour = hourEnd.atZone(zone);
        }
        return new Day(start.toInstant(), end, List.copyOf(spans));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
