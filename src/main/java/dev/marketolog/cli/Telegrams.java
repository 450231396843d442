package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.web.TelegramSession;
import java.util.Optional;

/** Which Telegram {@code serve} talks to: the sandbox world when TELEGRAM_SANDBOX_URL is set, else TDLib. */
final class Telegrams {

    private Telegrams() {}

    /**
     * The accounts' sessions: the sandbox's (no libtdjson needed), TDLib's when some account is enabled (libtdjson is
     * loaded then, and serve stops with the loader's reason when it cannot be), or none. The sandbox records each
     * comment with {@code instanceId}, this instance's stable identity.
     */
    static TelegramSessions sessions(Settings settings, String instanceId) {
        ProcessSettings config = settings.process();
        if (config.telegramSandboxUrl().isPresent()) {
            return new SandboxSessions(config.telegramSandboxUrl().get(), instanceId);
        }
        return settings.accounts().stream().anyMatch(AccountSettings::enabled)
                ? new TdlibSessions(TdRuntime.shared(config.tdjsonPath()), config.dataDir())
                : NO_SESSIONS;
    }

    /** No account is enabled: none needs a session. */
    private static final TelegramSessions NO_SESSIONS = new TelegramSessions() {
        @Override
        public Optional<Telegram> open(AccountSettings account) {
            return Optional.empty();
        }

        @Override
        public Optional<TelegramSession> session(String account) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    };
}
