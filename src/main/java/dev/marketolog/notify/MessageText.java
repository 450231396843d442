package dev.marketolog.notify;

import dev.marketolog.engine.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of notifications as one message: a title and plain-text lines. One notification reads as itself; several
 * are a list under a count, so a rate-limited sink gets everything in one message rather than dropping any.
 */
record MessageText(String title, String body) {

    static MessageText of(List<Notification> batch) {
        if (batch.size() == 1) {
            Notification only = batch.getFirst();
            return new MessageText("Marketolog: " + only.kind().title(), only.text());
        }
        List<String> lines = new ArrayList<>();
        for (Notification n : batch) {
            lines.add("• " + n.kind().title() + ": " + n.text());
        }
        return new MessageText("Marketolog: " + batch.size() + " notifications", String.join("\n", lines));
    }

    /** Title and body in one text, for services that take a single field. */
    String joined() {
        return title + "\n" + body;
    }

    /**
     * The longest start of {@code due} whose message fits in {@code maxChars}; at least one notification, whose text the
     * sink then cuts, so that one long notification can never block the others.
     */
    static List<Notification> fitting(List<Notification> due, int maxChars) {
        int end = 1;
        while (end < due.size() && of(due.subList(0, end + 1)).joined().length() <= maxChars) {
            end++;
        }
        return List.copyOf(due.subList(0, Math.min(end, due.size())));
    }

    /** {@code text} cut to {@code maxChars}, marked as cut. */
    static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1) + "…";
    }
}
