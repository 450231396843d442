package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash and fault harness, CI-sized: at least 12 SIGKILLs of serve as a real process while its surroundings fail. */
class ChaosIT {

    @TempDir
    Path dir;

    @Test
    @Disabled("serve restarted after SIGKILL takes a new random lease owner and waits out the 5-minute lease of the"
            + " killed process, so nothing is sent after the first kill; enable once a restarted serve keeps its instance"
            + " identity (the lease issue's instance id in DATA_DIR)")
    void killedAndFaultedServeNeverDoublesLosesOrExceedsALimit() throws Exception {
        ChaosRun.Summary summary = new ChaosRun(dir, 11).run(12);
        System.out.println(summary.table());

        assertThat(summary.kills()).isGreaterThanOrEqualTo(12);
        assertThat(summary.violations()).as(summary.table()).isEmpty();
        assertThat(summary.lost()).isZero();
        assertThat(summary.doubled()).isZero();
        assertThat(summary.sentNeverReceived()).isZero();
        assertThat(summary.commentedAfterFaults()).as(summary.table()).isTrue();
        assertThat(summary.restarts()).isGreaterThan(0);
        for (String reason : java.util.List.of("daily_limit", "hourly_limit", "flood_wait", "channel_banned")) {
            assertThat(summary.denials().getOrDefault(reason, 0L)).as("denials %s: %s", reason, summary.table()).isPositive();
        }
        assertThat(summary.denials().getOrDefault("min_interval", 0L) + summary.denials().getOrDefault("chat_interval", 0L))
                .as("denials for an interval: %s", summary.table()).isPositive();
    }
}
