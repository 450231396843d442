package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.NotificationStatus;
import dev.marketolog.engine.NotificationStatus.SinkStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The overview's notifications block, rendered by the compiled template the panel serves. */
class OverviewNotificationsTest {

    private final PanelTemplates templates = new PanelTemplates();

    private String overview(NotificationStatus notifications) {
        return new String(templates.render("partial/overviewAccounts.jte",
                new OverviewPage(List.of(), FleetTotals.of(List.of()), 0, notifications, "csrf")), StandardCharsets.UTF_8);
    }

    @Test
    void withoutASinkTheBlockSaysOff() {
        assertThat(overview(NotificationStatus.OFF)).containsPattern("Notifications</span>\\s*<strong>off</strong>");
    }

    @Test
    void aSinkThatIsDownShowsTheBacklogAndItsLastFailureAsText() {
        String failure = "webhook: answered 502: <script>alert(1)</script>";
        String html = overview(new NotificationStatus(
                List.of(new SinkStatus("webhook (json)", 0, 3, Optional.of("answered 502: <script>alert(1)</script>"))),
                4, Optional.of(Instant.parse("2026-12-03T10:00:00Z")), 3, Optional.of(failure)));

        assertThat(html).contains("<strong>4 waiting</strong>")
                .contains("last failure: webhook: answered 502: &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }
}
