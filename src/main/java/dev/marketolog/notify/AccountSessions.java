package dev.marketolog.notify;

import dev.marketolog.telegram.Telegram;
import java.util.Optional;

/** Each account's Telegram session, for NOTIFY_SAVED_MESSAGES: empty for an account that has none. */
@FunctionalInterface
public interface AccountSessions {
    Optional<Telegram> session(String account);
}
