package dev.marketolog.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * The spam guard's persisted state of one account.
 *
 * @param spamBlockUntil the account sleeps until then
 * @param seriousStreak serious errors in a row since the last success
 * @param cooldownLevel how many spam blocks came before this one within a week of each other (doubles the cooldown)
 * @param lastSpamBlockAt when the last spam block started
 * @param floodWaitUntil Telegram asked the account to wait until then
 */
public record AccountState(
        Optional<Instant> spamBlockUntil,
        int seriousStreak,
        int cooldownLevel,
        Optional<Instant> lastSpamBlockAt,
        Optional<Instant> floodWaitUntil) {

    public static final AccountState FRESH = new AccountState(Optional.empty(), 0, 0, Optional.empty(), Optional.empty());

    public AccountState {
        if (seriousStreak < 0 || cooldownLevel < 0) {
            throw new IllegalArgumentException("streak and cooldown level must not be negative");
        }
    }

    public boolean spamBlockedAt(Instant now) {
        return spamBlockUntil.filter(now::isBefore).isPresent();
    }

    /** The later of the spam block and the flood wait, when either is still running at {@code now}. */
    public Optional<Instant> pausedUntil(Instant now) {
        Optional<Instant> later = spamBlockUntil.isEmpty() ? floodWaitUntil
                : floodWaitUntil.isEmpty() ? spamBlockUntil
                : Optional.of(latest(spamBlockUntil.get(), floodWaitUntil.get()));
        return later.filter(now::isBefore);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
