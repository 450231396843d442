package dev.marketolog.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and when the operator is told about trouble (the NOTIFY_* keys). Every sink is optional and any combination
 * works; the webhook URL and the bot token are secrets (a webhook's URL is its credential).
 *
 * @param webhookUrl NOTIFY_WEBHOOK_URL, an http(s) URL kept as a secret
 * @param webhookFormat NOTIFY_WEBHOOK_FORMAT: the body the webhook gets
 * @param botToken NOTIFY_TELEGRAM_BOT_TOKEN
 * @param chatId NOTIFY_TELEGRAM_CHAT_ID: a chat id or {@code @channelname} the bot writes to
 * @param savedMessages NOTIFY_SAVED_MESSAGES: also into the accounts' own Saved Messages
 * @param llmDownAfter NOTIFY_LLM_DOWN_MINUTES: how long the LLM must fail before it is reported
 * @param digestHour NOTIFY_DIGEST_HOUR: the local hour (first account's TIMEZONE) of the daily digest
 */
public record NotifySettings(
        Secret webhookUrl,
        WebhookFormat webhookFormat,
        Secret botToken,
        Optional<String> chatId,
        boolean savedMessages,
        Duration llmDownAfter,
        int digestHour) {

    /** The body a webhook gets. */
    public enum WebhookFormat {
        /** Our documented JSON body. */
        JSON,
        /** Slack's incoming webhook: {@code {"text": ...}}. */
        SLACK,
        /** Discord's webhook: {@code {"content": ...}}. */
        DISCORD,
        /** ntfy: the message as plain text, its title in the {@code Title} header. */
        NTFY
    }

    public NotifySettings {
        chatId = chatId.filter(id -> !id.isBlank());
        if (botToken.isPresent() != chatId.isPresent()) {
            throw new IllegalArgumentException("the bot token and the chat id go together");
        }
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalArgumentException("the digest hour is 0-23: " + digestHour);
        }
    }

    public static NotifySettings defaults() {
        return new NotifySettings(Secret.NONE, WebhookFormat.JSON, Secret.NONE, Optional.empty(), false,
                Duration.ofMinutes(15), 9);
    }

    /** The webhook to call, when one is set. */
    public Optional<URI> webhook() {
        return webhookUrl.isPresent() ? Optional.of(URI.create(webhookUrl.reveal())) : Optional.empty();
    }

    /** Whether the Telegram bot is a sink. */
    public boolean bot() {
        return botToken.isPresent();
    }
}
