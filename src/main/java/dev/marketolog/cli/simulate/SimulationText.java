package dev.marketolog.cli.simulate;

import dev.marketolog.cli.text.Counts;
import dev.marketolog.config.Limits;
import dev.marketolog.telegram.sim.GateViolations;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The readable report of {@code simulate}: totals, then per account its days, its hours, and what Telegram did to it. */
public final class SimulationText {

    private static final int BAR_WIDTH = 40;

    private SimulationText() {}

    public static String render(SimulationRun run) {
        StringBuilder out = new StringBuilder();
        ZoneId zone = run.accounts().getFirst().limits().timezone();
        out.append("Simulated ").append(Times.iso(run.options().start(), zone)).append(" .. ")
                .append(Times.iso(run.end(), zone)).append(", seed ").append(run.options().seed()).append(": ")
                .append(Counts.of(run.accounts().size(), "account")).append(", ")
                .append(Counts.of(run.channels().size(), "channel")).append(", ")
                .append(Counts.of(run.posts().size(), "post")).append(", ")
                .append(Counts.of(run.comments().size(), "comment")).append('\n');
        out.append("Gate violations seen by the simulated Telegram: ").append(violations(run.violations())).append('\n');
        run.llmCalls().ifPresent(calls -> out.append(String.format(Locale.ROOT, "LLM: %d calls for %d comments (%.2f per comment)%n",
                calls, run.comments().size(), run.comments().isEmpty() ? 0.0 : (double) calls / run.comments().size())));
        for (AccountTally tally : AccountTally.all(run)) {
            out.append('\n');
            account(out, tally);
        }
        return out.toString();
    }

    private static String violations(GateViolations v) {
        return v.total() == 0 ? "none" : "outside allowlist " + v.outsideAllowlist() + ", second comment on a post "
                + v.secondComment() + ", during a flood wait " + v.duringFloodWait() + ", to a closed channel "
                + v.toClosedChannel();
    }

    private static void account(StringBuilder out, AccountTally tally) {
        Limits limits = tally.limits();
        out.append(tally.account()).append(" (").append(tally.zone()).append(", ")
                .append(limits.messagesPerDay()).append("/day, ").append(limits.messagesPerHour())
                .append("/hour, windows ").append(limits.activeWindows()).append("): ")
                .append(Counts.of(tally.comments(), "comment")).append(", busiest rolling hour ").append(tally.busiestRollingHour())
                .append('\n');
        out.append("  per day: ").append(tally.perDay().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        out.append("  per local hour:\n");
        List<Integer> perHour = tally.perHour();
        int most = perHour.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int hour = 0; hour < 24; hour++) {
            int count = perHour.get(hour);
            if (count > 0 || limits.activeWindows().containsHour(hour)) {
                int bar = most == 0 ? 0 : (int) Math.round((double) count * BAR_WIDTH / most);
                out.append(String.format(Locale.ROOT, "    %02d %5d %s%n", hour, count, "#".repeat(bar)));
            }
        }
        out.append("  flood waits ").append(tally.count("flood_wait")).append(", peer floods ")
                .append(tally.count("peer_flood")).append(", slow-mode holds ").append(tally.count("slow_mode"))
                .append(", posts gone ").append(tally.count("post_gone")).append('\n');
        out.append("  spam blocks: ").append(tally.spamBlocks().isEmpty() ? "none" : tally.spamBlocks().stream()
                .map(e -> Times.iso(e.at(), tally.zone()) + " for " + e.duration().orElseThrow().toSeconds() + " s")
                .collect(Collectors.joining(", "))).append('\n');
        out.append("  channels banned: ").append(tally.bans().isEmpty() ? "none" : tally.bans().stream()
                .map(e -> e.chatId().orElseThrow() + " at " + Times.iso(e.at(), tally.zone()))
                .collect(Collectors.joining(", "))).append('\n');
    }
}
