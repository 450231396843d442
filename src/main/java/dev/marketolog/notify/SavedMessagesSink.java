package dev.marketolog.notify;

import dev.marketolog.engine.Notification;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts' own Saved Messages, through their Telegram sessions (NOTIFY_SAVED_MESSAGES): a notification about an
 * account goes to that account's, the others (and those about an account without a session) to the first account
 * that has one.
 */
final class SavedMessagesSink implements Sink {


    private final AccountSessions sessions;
    private final List<String> accounts;

    SavedMessagesSink(AccountSessions sessions, List<String> accounts) {
        this.sessions = sessions;
        this.accounts = List.copyOf(accounts);
    }

    @Override
    public String name() {
        return "saved_messages";
    }

    @Override
    public int maxChars() {
        return TELEGRAM_CHARS;
    }

    /** One message per account written to; any failure sends the whole batch again (at least once). */
    @Override
    public void send(List<Notification> batch) throws SinkException {
        Map<String, List<Notification>> byAccount = new LinkedHashMap<>();
        for (Notification n : batch) {
            String to = n.account().filter(a -> sessions.session(a).isPresent()).or(this::firstWithSession)
                    .orElseThrow(() -> new SinkException("no account has a Telegram session"));
            byAccount.computeIfAbsent(to, a -> new ArrayList<>()).add(n);
        }
        for (Map.Entry<String, List<Notification>> e : byAccount.entrySet()) {
            Telegram telegram = sessions.session(e.getKey()).orElseThrow(() -> new SinkException(e.getKey() + " lost its session"));
            String text = MessageText.cut(MessageText.of(e.getValue()).joined(), TELEGRAM_CHARS);
            if (!(telegram.saveMessage(text) instanceof SendResult.Sent)) {
                throw new SinkException(e.getKey() + " could not write to its Saved Messages");
            }
        }
    }

    private Optional<String> firstWithSession() {
        return accounts.stream().filter(a -> sessions.session(a).isPresent()).findFirst();
    }
}
