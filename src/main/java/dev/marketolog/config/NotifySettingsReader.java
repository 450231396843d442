package dev.marketolog.config;

import static dev.marketolog.config.SettingKey.NOTIFY_DIGEST_HOUR;
import static dev.marketolog.config.SettingKey.NOTIFY_LLM_DOWN_MINUTES;
import static dev.marketolog.config.SettingKey.NOTIFY_SAVED_MESSAGES;
import static dev.marketolog.config.SettingKey.NOTIFY_TELEGRAM_BOT_TOKEN;
import static dev.marketolog.config.SettingKey.NOTIFY_TELEGRAM_CHAT_ID;
import static dev.marketolog.config.SettingKey.NOTIFY_WEBHOOK_FORMAT;
import static dev.marketolog.config.SettingKey.NOTIFY_WEBHOOK_URL;

import dev.marketolog.config.NotifySettings.WebhookFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Builds {@link NotifySettings} from the NOTIFY_* keys, on top of {@link NotifySettings#defaults()}. */
final class NotifySettingsReader {
    /** A chat id, or a public channel's {@code @username} (the Bot API takes either). */
    private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    private NotifySettingsReader() {}

    static NotifySettings read(ValueReader values) {
        NotifySettings defaults = NotifySettings.defaults();
        Secret webhook = values.read(NOTIFY_WEBHOOK_URL, defaults.webhookUrl(), Values::webhookUrl);
        WebhookFormat format = values.read(NOTIFY_WEBHOOK_FORMAT, defaults.webhookFormat(), NotifySettingsReader::format);
        Secret token = values.read(NOTIFY_TELEGRAM_BOT_TOKEN, defaults.botToken(), Values::headerSecret);
        Optional<String> chatId = values.optional(NOTIFY_TELEGRAM_CHAT_ID, NotifySettingsReader::chatId);
        if (values.given(NOTIFY_TELEGRAM_BOT_TOKEN) != values.given(NOTIFY_TELEGRAM_CHAT_ID)) {
            values.reject(values.given(NOTIFY_TELEGRAM_BOT_TOKEN) ? NOTIFY_TELEGRAM_CHAT_ID : NOTIFY_TELEGRAM_BOT_TOKEN,
                    "NOTIFY_TELEGRAM_BOT_TOKEN and NOTIFY_TELEGRAM_CHAT_ID both, or neither");
        }
        boolean bot = token.isPresent() && chatId.isPresent();
        return new NotifySettings(
                webhook,
                format,
                bot ? token : Secret.NONE,
                bot ? chatId : Optional.empty(),
                values.read(NOTIFY_SAVED_MESSAGES, defaults.savedMessages(), Values::bool),
                values.read(NOTIFY_LLM_DOWN_MINUTES, defaults.llmDownAfter(), Values.minutes(1)),
                values.read(NOTIFY_DIGEST_HOUR, defaults.digestHour(), Values.integer(0, 23)));
    }

    private static WebhookFormat format(String raw) throws InvalidValueException {
        try {
            return WebhookFormat.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("json, slack, discord or ntfy");
        }
    }

    private static String chatId(String raw) throws InvalidValueException {
        String id = raw.strip();
        if (!CHAT_ID.matcher(id).matches()) {
            throw new InvalidValueException("a chat id like -1001234567890, or a channel's @username");
        }
        return id;
    }
}
