package dev.marketolog.web;

import dev.marketolog.engine.RunState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One account as {@code /health} shows it, in the engine's words for where an account stands.
 *
 * @param sentToday      comments that count against today's limit (the account's local day)
 * @param dailyLimit     MESSAGES_PER_DAY
 * @param spamBlockUntil while present and in the future, the spam guard keeps the account asleep
 * @param floodWaitUntil while present and in the future, the account obeys Telegram's flood wait
 * @param telegram       its Telegram session's authorization and connection state; empty when none was opened
 * @param failures       exceptions caught in the account's tasks since the process started
 */
public record AccountStatus(
        String name,
        RunState state,
        int sentToday,
        int dailyLimit,
        Optional<Instant> spamBlockUntil,
        Optional<Instant> floodWaitUntil,
        Optional<TelegramSession> telegram,
        long failures) {

    public AccountStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spamBlockUntil, "spamBlockUntil");
        Objects.requireNonNull(floodWaitUntil, "floodWaitUntil");
        Objects.requireNonNull(telegram, "telegram");
        if (sentToday < 0) {
            throw new IllegalArgumentException("sentToday cannot be negative, got " + sentToday);
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures cannot be negative, got " + failures);
        }
        if (dailyLimit < 0) {
            throw new IllegalArgumentException("dailyLimit cannot be negative, got " + dailyLimit);
        }
    }
}
