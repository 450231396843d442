package dev.marketolog.engine;

import dev.marketolog.config.SpamGuardSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The spam guard as a pure state machine over {@link AccountState}: flood waits stop the account for at least their
 * length; PEER_FLOOD and long flood waits are serious; SPAMBLOCK_ERROR_THRESHOLD serious errors in a row start a spam
 * block that doubles with each repeat within a week, capped; a success resets the streak.
 */
public final class SpamGuard {

    /** Spam blocks closer together than this count as repeats and double the cooldown. */
    static final Duration REPEAT_WINDOW = Duration.ofDays(7);

    private final SpamGuardSettings settings;

    public SpamGuard(SpamGuardSettings settings) {
        this.settings = settings;
    }

    /** The state after a transition, and the spam block it started, if any. */
    public record Step(AccountState state, Optional<Duration> spamBlock) {}

    /** A comment went through: the streak of serious errors is over. */
    public AccountState onSuccess(AccountState state) {
        return new AccountState(state.spamBlockUntil(), 0, state.cooldownLevel(), state.lastSpamBlockAt(), state.floodWaitUntil());
    }

    /** Telegram asked to wait {@code wait} (the caller adds its jitter to it): never sooner than that. */
    public Step onFloodWait(AccountState state, Duration wait, Instant now) {
        Instant until = now.plus(wait);
        Optional<Instant> floodWaitUntil = state.floodWaitUntil().filter(until::isBefore).or(() -> Optional.of(until));
        AccountState waiting = new AccountState(
                state.spamBlockUntil(), state.seriousStreak(), state.cooldownLevel(), state.lastSpamBlockAt(), floodWaitUntil);
        return wait.compareTo(settings.floodWaitSerious()) > 0 ? serious(waiting, now) : new Step(waiting, Optional.empty());
    }

    /** PEER_FLOOD: the account is limited. */
    public Step onPeerFlood(AccountState state, Instant now) {
        return serious(state, now);
    }

    private Step serious(AccountState state, Instant now) {
        int streak = state.seriousStreak() + 1;
        if (streak < settings.errorThreshold()) {
            return new Step(new AccountState(
                    state.spamBlockUntil(), streak, state.cooldownLevel(), state.lastSpamBlockAt(), state.floodWaitUntil()),
                    Optional.empty());
        }
        boolean repeat = state.lastSpamBlockAt().filter(last -> now.isBefore(last.plus(REPEAT_WINDOW))).isPresent();
        int level = repeat ? state.cooldownLevel() + 1 : 0;
        Duration cooldown = cooldown(level);
        return new Step(
                new AccountState(Optional.of(now.plus(cooldown)), 0, level, Optional.of(now), state.floodWaitUntil()),
                Optional.of(cooldown));
    }

    /** SPAMBLOCK_MIN_COOLDOWN_SECONDS doubled {@code level} times, never over SPAMBLOCK_MAX_COOLDOWN_SECONDS. */
    Duration cooldown(int level) {
        Duration cooldown = settings.minCooldown();
        for (int i = 0; i < level && cooldown.compareTo(settings.maxCooldown()) < 0; i++) {
            cooldown = cooldown.multipliedBy(2);
        }
        return cooldown.compareTo(settings.maxCooldown()) > 0 ? settings.maxCooldown() : cooldown;
    }
}
