package dev.marketolog.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** A Telegram bot's {@code sendMessage} to NOTIFY_TELEGRAM_CHAT_ID, at most one message a second (the Bot API's pace). */
final class BotApiSink implements Sink {

    /** The Bot API; tests give a local server instead (the system property {@value #BASE_URL_PROPERTY}). */
    static final URI BOT_API = URI.create("https://api.telegram.org/");
    static final String BASE_URL_PROPERTY = "marketolog.notify.botApiUrl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPost post;
    private final URI sendMessage;
    private final String chatId;

    BotApiSink(HttpClient http, URI base, Secret token, String chatId) {
        this.post = new HttpPost(http, token);
        this.sendMessage = base.resolve("/bot" + token.reveal() + "/sendMessage");
        this.chatId = chatId;
    }

    /** The Bot API's base URL: {@link #BOT_API} unless a test set {@value #BASE_URL_PROPERTY}. */
    static URI baseUrl() {
        String override = System.getProperty(BASE_URL_PROPERTY);
        return override == null ? BOT_API : URI.create(override);
    }

    @Override
    public String name() {
        return "telegram_bot";
    }

    @Override
    public int maxChars() {
        return TELEGRAM_CHARS;
    }

    @Override
    public void send(List<Notification> batch) throws SinkException {
        String text = MessageText.cut(MessageText.of(batch).joined(), TELEGRAM_CHARS);
        String body = JSON.createObjectNode().put("chat_id", chatId).put("text", text)
                .put("disable_web_page_preview", true).toString();
        post.send(sendMessage, "application/json", Map.of(), body);
    }
}
