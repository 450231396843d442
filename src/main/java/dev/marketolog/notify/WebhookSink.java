package dev.marketolog.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marketolog.config.NotifySettings.WebhookFormat;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NOTIFY_WEBHOOK_URL in its NOTIFY_WEBHOOK_FORMAT: our JSON ({@code title}, {@code text} and every {@code event}),
 * Slack's {@code text}, Discord's {@code content}, or ntfy's plain text with a {@code Title} header.
 */
final class WebhookSink implements Sink {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Discord refuses a content over 2,000 characters; the others take far more, so 4,000 keeps messages readable. */
    private static final int DISCORD_CHARS = 2000;
    private static final int OTHER_CHARS = 4000;

    private final HttpPost post;
    private final URI url;
    private final WebhookFormat format;

    WebhookSink(HttpClient http, Secret url, WebhookFormat format) {
        this.post = new HttpPost(http, url);
        this.url = URI.create(url.reveal());
        this.format = format;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String kind() {
        return "webhook (" + format.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public int maxChars() {
        return format == WebhookFormat.DISCORD ? DISCORD_CHARS : OTHER_CHARS;
    }

    @Override
    public void send(List<Notification> batch) throws SinkException {
        MessageText message = MessageText.of(batch);
        String text = MessageText.cut(message.joined(), maxChars());
        switch (format) {
            case JSON -> post.send(url, "application/json", Map.of(), ourJson(message, batch));
            case SLACK -> post.send(url, "application/json", Map.of(), JSON.createObjectNode().put("text", text).toString());
            case DISCORD -> post.send(url, "application/json", Map.of(), JSON.createObjectNode().put("content", text).toString());
            // ntfy reads a header as ISO-8859-1, so the title keeps to ASCII; the body is UTF-8
            case NTFY -> post.send(url, "text/plain; charset=utf-8", Map.of("Title", ascii(message.title())),
                    MessageText.cut(message.body(), maxChars()));
        }
    }

    /** Our documented body: the message, and each event with its key (to deduplicate on the receiving side). */
    private static String ourJson(MessageText message, List<Notification> batch) {
        ObjectNode body = JSON.createObjectNode().put("title", message.title()).put("text", message.body());
        ArrayNode events = body.putArray("events");
        for (Notification n : batch) {
            ObjectNode event = events.addObject().put("key", n.key()).put("kind", n.kind().code());
            n.account().ifPresentOrElse(a -> event.put("account", a), () -> event.putNull("account"));
            event.put("text", n.text()).put("at", n.at().toString());
        }
        return body.toString();
    }

    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
