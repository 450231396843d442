package dev.marketolog.cli.simulate;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Limits;
import dev.marketolog.engine.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One account's share of a simulation, with its limits, counted in its own TIMEZONE: comments per local day and per local hour, the
 * busiest rolling hour, and what Telegram did to it.
 */
record AccountTally(
        String account,
        Limits limits,
        int comments,
        Map<LocalDate, Integer> perDay,
        List<Integer> perHour,
        int busiestRollingHour,
        Map<String, Integer> eventCounts,
        List<ReportedEvent> spamBlocks,
        List<ReportedEvent> bans) {

    private static final Duration HOUR = Duration.ofHours(1);

    /** The tally of every account of the run, in the run's order of accounts. */
    static List<AccountTally> all(SimulationRun run) {
        Map<String, List<EngineEvent>> byAccount = run.events().stream()
                .collect(Collectors.groupingBy(EngineEvent::account));
        return run.accounts().stream()
                .map(account -> of(account, byAccount.getOrDefault(account.name(), List.of()), run))
                .toList();
    }

    private static AccountTally of(AccountSettings account, List<EngineEvent> events, SimulationRun run) {
        ZoneId zone = account.limits().timezone();
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        for (LocalDate day = localDate(run.options().start(), zone); !day.isAfter(localDate(run.end().minusNanos(1), zone));
                day = day.plusDays(1)) {
            perDay.put(day, 0);
        }
        int[] perHour = new int[24];
        List<Instant> times = new ArrayList<>();
        Map<String, Integer> eventCounts = new TreeMap<>();
        List<ReportedEvent> spamBlocks = new ArrayList<>();
        List<ReportedEvent> bans = new ArrayList<>();
        for (EngineEvent event : events) {
            if (event instanceof EngineEvent.CommentSent comment) {
                times.add(comment.at());
                perDay.merge(localDate(comment.at(), zone), 1, Integer::sum);
                perHour[comment.at().atZone(zone).getHour()]++;
            }
            ReportedEvent.of(event).ifPresent(reported -> {
                eventCounts.merge(reported.type(), 1, Integer::sum);
                switch (reported.type()) {
                    case "spamblock_start" -> spamBlocks.add(reported);
                    case "channel_banned" -> bans.add(reported);
                    default -> { }
                }
            });
        }
        times.sort(null);
        return new AccountTally(account.name(), account.limits(), times.size(), perDay, Arrays.stream(perHour).boxed().toList(),
                busiestRollingHour(times), eventCounts, spamBlocks, bans);
    }

    /** The most comments in any rolling hour ({@code times} in time order). */
    static int busiestRollingHour(List<Instant> times) {
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(HOUR).isAfter(times.get(last))) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    ZoneId zone() {
        return limits.timezone();
    }

    int count(String eventType) {
        return eventCounts.getOrDefault(eventType, 0);
    }

    private static LocalDate localDate(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }
}
