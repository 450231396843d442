package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.Purpose;
import dev.marketolog.config.SettingsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalRetentionSettingTest {

    @Test
    void serveKeepsTheJournalForJournalRetentionDays() throws Exception {
        var settings = SettingsLoader.load(List.of(), Map.of("JOURNAL_RETENTION_DAYS", "30"), Purpose.TOOL);

        assertThat(ServeProcess.retention(settings)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void anAccountWhoseLimitsReadFurtherBackKeepsItsRowsLonger() throws Exception {
        var settings = SettingsLoader.load(List.of(), Map.of("JOURNAL_RETENTION_DAYS", "8",
                "MIN_INTERVAL_PER_CHAT_SECONDS", String.valueOf(Duration.ofDays(20).toSeconds())), Purpose.TOOL);

        assertThat(ServeProcess.retention(settings)).isEqualTo(Duration.ofDays(21));
    }
}
