package dev.marketolog.web.console.panel;

import dev.marketolog.engine.RunState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How the templates write times and states; the templates call these, nothing else formats. */
public final class PanelFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private PanelFormat() {}

    /** {@code 2026-12-03 14:05:09 UTC}. */
    public static String when(Instant at) {
        return WHEN.format(at);
    }

    /** As {@link #when(Instant)}, or a dash when absent. */
    public static String when(Optional<Instant> at) {
        return at.map(PanelFormat::when).orElse("—");
    }

    /**
     * The link when it is a web address: a journal's link comes from Telegram, and anything else ({@code javascript:})
     * is shown as text, never put in an {@code href}.
     */
    public static Optional<String> webLink(Optional<String> link) {
        return link.filter(url -> url.startsWith("https://") || url.startsWith("http://"));
    }

    /** {@code value} as a URL query parameter's value. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The CSS class of a state's badge: {@code state-needs-login}. */
    public static String stateClass(RunState state) {
        return "state-" + state.label().replace(' ', '-');
    }
}
