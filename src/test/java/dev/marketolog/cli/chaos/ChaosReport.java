package dev.marketolog.cli.chaos;

import dev.marketolog.telegram.sim.GateViolations;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a chaos run did and found.
 *
 * @param recoveries launch to the first 200 from /health, for every launch that followed a SIGKILL
 * @param denials the engine's skips by reason, summed over serve's lives (scraped from /metrics every second, so a
 *     lower bound: the last second of a killed life is not counted)
 * @param refusals the sandbox's refusals by error type
 * @param failures serve not coming back, dying on its own, or not commenting after the faults
 */
public record ChaosReport(int kills, int killsDuringStart, List<Duration> recoveries, Map<String, Integer> faults, int comments,
        Map<String, Long> denials, Map<String, Long> refusals, GateViolations worldViolations, ChaosChecks.Verdict verdict,
        List<String> failures, Duration elapsed) {

    public Duration slowestRecovery() {
        return recoveries.isEmpty() ? Duration.ZERO : Collections.max(recoveries);
    }

    public Duration medianRecovery() {
        return recoveries.isEmpty() ? Duration.ZERO : recoveries.stream().sorted().toList().get(recoveries.size() / 2);
    }

    public int violations() {
        return verdict.violations().size() + worldViolations.total();
    }

    /** The summary table. */
    public String table() {
        StringBuilder out = new StringBuilder();
        row(out, "elapsed", elapsed.toSeconds() + " s");
        row(out, "SIGKILLs", kills + " (" + killsDuringStart + " during start)");
        row(out, "restarts back to /health", recoveries.size() + ", median " + medianRecovery().toMillis() + " ms, slowest "
                + slowestRecovery().toMillis() + " ms");
        row(out, "faults", format(faults));
        row(out, "comments received by the sandbox", Integer.toString(comments));
        row(out, "denials (engine skips)", format(denials));
        row(out, "refusals (sandbox)", format(refusals));
        row(out, "violations", violations() + " (world counters " + worldViolations + ")");
        row(out, "lost", Integer.toString(verdict.lost().size()));
        row(out, "doubled", Integer.toString(verdict.doubled().size()));
        row(out, "failures", failures.isEmpty() ? "none" : String.join("; ", failures));
        for (List<String> findings : List.of(verdict.violations(), verdict.lost(), verdict.doubled())) {
            findings.stream().limit(20).forEach(finding -> out.append("  ! ").append(finding).append('\n'));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format("| %-34s | %s%n", name, value));
    }

    private static String format(Map<String, ? extends Number> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
