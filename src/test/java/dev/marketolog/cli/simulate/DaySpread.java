package dev.marketolog.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.engine.EngineEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one account's comments of one local day fall on its active windows: the shape pacing must give.
 *
 * @param perWindow the comments in each window of ACTIVE_WINDOWS, in the windows' order
 * @param inLastActiveHour the comments in the day's last active hour
 * @param refused the sends Telegram refused that day (a post deleted just before the comment landed): they reached
 *     Telegram, so MESSAGES_PER_DAY counts them as it counts comments
 */
record DaySpread(LocalDate day, int total, List<Integer> perWindow, int inLastActiveHour, int refused) {

    /** How far a window's share of a day's comments may be from its share of the day's active time. */
    private static final double SHARE_TOLERANCE = 0.15;
    /** On at least this share of the days (5 of 7) the last active hour has comments. */
    private static final double DAYS_WITH_LAST_HOUR = 5.0 / 7;
    /** With posts plentiful, every day's sends (comments and refused sends) reach at least this share of MESSAGES_PER_DAY. */
    private static final double DAILY_TOTAL = 0.9;

    /**
     * The account was active through all of its windows: on every full day each window had its share of the comments
     * within 15 points of its share of the active time and the day's sends reached 90% of MESSAGES_PER_DAY (a send
     * Telegram refused spends the cap like a comment: a day with three deleted posts was seen at 35 comments of 40), and
     * on 5 days of 7 the last active hour had comments.
     */
    static void assertSpreadOverTheWindows(SimulationRun run, AccountSettings account) {
        List<DaySpread> days = fullDays(run, account);
        assertThat(days).isNotEmpty();
        List<Double> activeShares = activeShares(account.limits().activeWindows().windows());
        for (DaySpread day : days) {
            assertThat(day.total() + day.refused()).as("comments and refused sends on %s", day.day())
                    .isGreaterThanOrEqualTo((int) Math.ceil(DAILY_TOTAL * account.limits().messagesPerDay()));
            List<Double> shares = day.commentShares();
            for (int i = 0; i < shares.size(); i++) {
                assertThat(shares.get(i)).as("share of the comments on %s in window %s (%s)", day.day(),
                                account.limits().activeWindows().windows().get(i), day.perWindow())
                        .isCloseTo(activeShares.get(i), within(SHARE_TOLERANCE));
            }
        }
        long withLastHour = days.stream().filter(day -> day.inLastActiveHour() > 0).count();
        assertThat(withLastHour).as("days with comments in the last active hour: %s", days)
                .isGreaterThanOrEqualTo((long) Math.ceil(DAYS_WITH_LAST_HOUR * days.size()));
    }

    /** The spread of every local day of the run that lies wholly inside it. */
    static List<DaySpread> fullDays(SimulationRun run, AccountSettings account) {
        Limits limits = account.limits();
        ZoneId zone = limits.timezone();
        List<HourWindow> windows = limits.activeWindows().windows();
        int lastActiveHour = windows.stream().mapToInt(HourWindow::endHour).max().orElseThrow() - 1;
        Map<LocalDate, int[]> perWindow = new TreeMap<>();
        Map<LocalDate, Integer> lastHour = new TreeMap<>();
        Map<LocalDate, Integer> refused = new TreeMap<>();
        for (LocalDate day = run.options().start().atZone(zone).toLocalDate(); !day.atStartOfDay(zone).plusDays(1).toInstant().isAfter(run.end());
                day = day.plusDays(1)) {
            if (!day.atStartOfDay(zone).toInstant().isBefore(run.options().start())) {
                perWindow.put(day, new int[windows.size()]);
                lastHour.put(day, 0);
                refused.put(day, 0);
            }
        }
        for (EngineEvent.CommentSent comment : run.comments()) {
            if (!comment.account().equals(account.name())) {
                continue;
            }
            ZonedDateTime local = comment.at().atZone(zone);
            int[] counts = perWindow.get(local.toLocalDate());
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i).contains(local.getHour())) {
                    counts[i]++;
                }
            }
            if (local.getHour() == lastActiveHour) {
                lastHour.merge(local.toLocalDate(), 1, Integer::sum);
            }
        }
        for (EngineEvent event : run.events()) {
            if (event instanceof EngineEvent.SendFailed failed && failed.account().equals(account.name())) {
                refused.computeIfPresent(failed.at().atZone(zone).toLocalDate(), (day, n) -> n + 1);
            }
        }
        List<DaySpread> days = new ArrayList<>();
        perWindow.forEach((day, counts) -> days.add(new DaySpread(day, Arrays.stream(counts).sum(),
                Arrays.stream(counts).boxed().toList(), lastHour.get(day), refused.get(day))));
        return days;
    }

    /** Each window's share of the day's comments, in the windows' order. */
    List<Double> commentShares() {
        return perWindow.stream().map(n -> total == 0 ? 0 : (double) n / total).toList();
    }

    /** Each window's share of the day's active hours (the zones the tests use have no daylight saving). */
    static List<Double> activeShares(List<HourWindow> windows) {
        int hours = windows.stream().mapToInt(w -> w.endHour() - w.startHour()).sum();
        return windows.stream().map(w -> (double) (w.endHour() - w.startHour()) / hours).toList();
    }
}
