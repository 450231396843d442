package dev.marketolog.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * One account as {@code /health} shows it.
 *
 * @param sentToday comments that count against today's (local day) limit, in-flight ones included
 * @param dailyLimit MESSAGES_PER_DAY
 * @param failures exceptions caught in the account's tasks since start
 */
public record AccountStatus(
        String account,
        RunState state,
        int sentToday,
        int dailyLimit,
        Optional<Instant> spamBlockUntil,
        Optional<Instant> floodWaitUntil,
        long failures) {

    /** Reads the counts and the spam guard's state from the stores, so it is right even for an account run elsewhere. */
    static AccountStatus read(AccountPolicy settings, RunState state, long failures, EngineStores stores, Instant now) {
        String name = settings.name();
        AccountState saved = stores.accountStates().load(name);
        Instant dayStart = new ActiveTime(settings.limits().activeWindows(), settings.limits().timezone()).dayStart(now);
        int today = stores.journal().history(name, dayStart).size();
        return new AccountStatus(name, state, today, settings.limits().messagesPerDay(),
                saved.spamBlockUntil().filter(now::isBefore), saved.floodWaitUntil().filter(now::isBefore), failures);
    }
}
