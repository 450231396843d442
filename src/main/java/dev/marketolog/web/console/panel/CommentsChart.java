package dev.marketolog.web.console.panel;

import dev.marketolog.engine.CommentsPerDay.DayCount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The overview's chart of comments per day over the last {@link #DAYS} days (UTC), one line per account. A chart of
 * hundreds of lines is unreadable: the {@link #LINES} busiest accounts get their own line and the rest one line
 * together.
 *
 * @param days   each day's start in epoch seconds, oldest first (uPlot's x values)
 * @param series one line per account, each with a count per day
 */
public record CommentsChart(List<Long> days, List<Series> series) {

    static final int DAYS = 14;
    static final int LINES = 8;
    static final String OTHERS = "all others";

    /** One line: {@code account}'s comments on each day of {@link #days()}. */
    public record Series(String account, List<Integer> counts) {}

    public CommentsChart {
        days = List.copyOf(days);
        series = List.copyOf(series);
    }

    /** The chart of the {@link #DAYS} days up to and including {@code today}. */
    static CommentsChart of(List<DayCount> counts, LocalDate today) {
        LocalDate first = today.minusDays(DAYS - 1);
        Map<String, int[]> byAccount = new LinkedHashMap<>();
        for (DayCount count : counts) {
            int index = (int) (count.day().toEpochDay() - first.toEpochDay());
            if (index >= 0 && index < DAYS) {
                byAccount.computeIfAbsent(count.account(), account -> new int[DAYS])[index] += count.comments();
            }
        }
        List<Map.Entry<String, int[]>> busiest = new ArrayList<>(byAccount.entrySet());
        busiest.sort(Comparator.comparingInt((Map.Entry<String, int[]> entry) -> -sum(entry.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<Series> series = new ArrayList<>();
        int[] others = new int[DAYS];
        for (int i = 0; i < busiest.size(); i++) {
            int[] line = busiest.get(i).getValue();
            if (i < LINES) {
                series.add(new Series(busiest.get(i).getKey(), list(line)));
            } else {
                IntStream.range(0, DAYS).forEach(day -> others[day] += line[day]);
            }
        }
        if (busiest.size() > LINES) {
            series.add(new Series(OTHERS, list(others)));
        }
        List<Long> days = IntStream.range(0, DAYS)
                .mapToObj(day -> first.plusDays(day).atStartOfDay().toEpochSecond(ZoneOffset.UTC))
                .toList();
        return new CommentsChart(days, series);
    }

    private static int sum(int[] counts) {
        return IntStream.of(counts).sum();
    }

    private static List<Integer> list(int[] counts) {
        return IntStream.of(counts).boxed().toList();
    }
}
