package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.web.TelegramSession;
import java.util.Optional;

/** Where {@code serve} gets each enabled account's Telegram: its ready session, or nothing when it needs a login. */
interface TelegramSessions extends AutoCloseable {

    /** Opens the account's session; empty when it has none that is logged in. May block while the session starts. */
    Optional<Telegram> open(AccountSettings account);

    /** The account's session as /health shows it; empty when none was opened for it. */
    Optional<TelegramSession> session(String account);

    /** Closes every session opened, keeping them for the next start. */
    @Override
    void close();
}
