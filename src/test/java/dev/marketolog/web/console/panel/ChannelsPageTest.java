package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.ChannelAnalytics.ChannelActivity;
import dev.marketolog.engine.ChannelAnalytics.DayCount;
import dev.marketolog.engine.ChannelAnalytics.Feedback;
import dev.marketolog.engine.ChannelAnalytics.LastComment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The channels page, rendered by the compiled template the panel serves. */
class ChannelsPageTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-30");
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    private final PanelTemplates templates = new PanelTemplates();

    @Test
    void eachChannelShowsPostsSeenNextToOurCommentsTheirReactionsRepliesDeletionsAndLastCommentByAccount() {
        ChannelActivity news = new ChannelActivity(-1001,
                List.of(new DayCount(MONDAY, 7), new DayCount(TUESDAY, 5)),
                List.of(new DayCount(TUESDAY, 2)), 1, new Feedback(2, 9, 4),
                List.of(new LastComment("anna", Instant.parse("2026-12-01T10:00:00Z"))));
        String title = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

        String html = new String(templates.render("channels.jte",
                new ChannelsPage(List.of(MONDAY.minusDays(1), MONDAY, TUESDAY), List.of(new ChannelsPage.Row(Optional.of(title), news)), "csrf")),
                StandardCharsets.UTF_8);

        assertThat(html).contains("<th>Posts seen</th><th>Comments</th><th>Reactions</th><th>Replies</th><th>Deleted</th>")
                .contains("<td class=\"posts-seen\">12</td>")
                .contains("<td class=\"comments\">2</td>")
                .containsPattern("<td class=\"reactions\" title=\"read back for 2 of 2 comments\">9</td>")
                .containsPattern("<td class=\"replies\" title=\"read back for 2 of 2 comments\">4</td>")
                .contains("<td class=\"deleted\">1</td>")
                .contains("<span class=\"posts\">7</span> / <span class=\"ours\">0</span>")
                .contains("<span class=\"posts\">5</span> / <span class=\"ours\">2</span>")
                .contains("<td class=\"optional day\"></td>") // Sunday: nothing seen, nothing written
                .contains("<a href=\"/accounts/anna\">anna</a>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
    }
}
