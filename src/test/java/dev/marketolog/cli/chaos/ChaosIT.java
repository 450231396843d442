package dev.marketolog.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve as a real process, SIGKILLed again and again while its database connections are terminated, its Redis
 * restarted, the LLM fails and the sandbox goes away: nothing lost, doubled or sent past a limit. Runs after
 * {@code mvn package}; {@code bench/run ChaosHarness} is the same run with any count.
 */
class ChaosIT {

    @TempDir
    Path workDir;

    @Test
    void killedAndFaultedServeLosesNothingDoublesNothingAndKeepsEveryLimit() throws Exception {
        ChaosReport report = ChaosRun.run(ChaosSettings.ciSized(Path.of(System.getProperty("marketolog.jar")), workDir,
                System.nanoTime()));
        System.out.println(report.table());

        assertThat(report.failures()).as(report.table()).isEmpty();
        assertThat(report.kills()).as(report.table()).isGreaterThanOrEqualTo(12);
        assertThat(report.recoveries()).as("every SIGKILL was followed by a /health 200").hasSizeGreaterThanOrEqualTo(report.kills() - report.killsDuringStart());
        assertThat(report.verdict().violations()).as(report.table()).isEmpty();
        assertThat(report.worldViolations().total()).as(report.table()).isZero();
        assertThat(report.verdict().lost()).as(report.table()).isEmpty();
        assertThat(report.verdict().doubled()).as(report.table()).isEmpty();
        assertThat(report.faults()).as("every kind of fault was made")
                .containsKeys("pg_terminate_backend", "redis_restart", "llm_500", "llm_timeout", "llm_stall", "sandbox_outage");
        // the run proves something only when the limits bit
        assertThat(report.denials()).as(report.table())
                .hasEntrySatisfying("daily_limit", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("hourly_limit", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("min_interval", count -> assertThat(count).isPositive());
        // a flood wait the sandbox asked for, and (when a post came during it) the engine's skips while it ran
        assertThat(report.refusals().getOrDefault("flood_wait", 0L) + report.denials().getOrDefault("flood_wait", 0L))
                .as(report.table()).isPositive();
        assertThat(report.refusals()).as(report.table()).hasEntrySatisfying(ChaosRun.CHANNEL_REFUSED, count -> assertThat(count).isPositive());
        assertThat(report.elapsed()).as("CI-sized").isLessThan(Duration.ofMinutes(4));
    }
}
