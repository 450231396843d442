package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.RunState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PanelFormatTest {

    @Test
    void onlyWebAddressesBecomeLinks() {
        assertThat(PanelFormat.webLink(Optional.of("https://t.me/c/2001/5"))).contains("https://t.me/c/2001/5");
        assertThat(PanelFormat.webLink(Optional.of("javascript:alert(1)"))).isEmpty();
        assertThat(PanelFormat.webLink(Optional.of("data:text/html,<script>"))).isEmpty();
    }

    @Test
    void timesAreWrittenInUtc() {
        assertThat(PanelFormat.when(Instant.parse("2026-12-03T14:05:09.5Z"))).isEqualTo("2026-12-03 14:05:09 UTC");
        assertThat(PanelFormat.when(Optional.empty())).isEqualTo("—");
    }

    @Test
    void stateClassHasNoSpaces() {
        assertThat(PanelFormat.stateClass(RunState.NEEDS_LOGIN)).isEqualTo("state-needs-login");
    }
}
