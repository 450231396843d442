package dev.marketolog.engine;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.config.SpamGuardSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Account settings for the engine's tests: the seed's defaults in a fixed zone, changed one part at a time. */
final class TestAccounts {

    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private TestAccounts() {}

    /** Active all day, generous limits: only what a test sets gets in the way. */
    static Limits openLimits() {
        return new Limits(ActiveWindows.of(new HourWindow(0, 24)), ZONE, 1000, 1000, Duration.ZERO, Duration.ZERO, 1000,
                Duration.ofMinutes(1440), Duration.ofSeconds(300));
    }

    static AccountSettings account(String name, List<Long> allowlist) {
        return with(AccountSettings.defaults(name, allowlist), openLimits());
    }

    static AccountSettings with(AccountSettings s, Limits limits) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), s.enabled(),
                s.allowlist(), limits, s.spamGuard(), s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl());
    }

    static AccountSettings with(AccountSettings s, SpamGuardSettings guard) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), s.enabled(),
                s.allowlist(), s.limits(), guard, s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl());
    }

    static AccountSettings disabled(AccountSettings s) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), false,
                s.allowlist(), s.limits(), s.spamGuard(), s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl());
    }

    static AccountSettings dryRun(AccountSettings s) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), s.enabled(),
                s.allowlist(), s.limits(), s.spamGuard(), s.llm(), s.persona(), true, s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl());
    }

    static AccountSettings skipping(AccountSettings s, List<String> keywords) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), s.enabled(),
                s.allowlist(), s.limits(), s.spamGuard(), s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), keywords, s.cacheTtl());
    }

    static Limits limits(Limits l, ActiveWindows windows, int perDay, int perHour, Duration minInterval, Duration perChat,
            int instantPerChatPerHour) {
        return new Limits(windows, l.timezone(), perDay, perHour, minInterval, perChat, instantPerChatPerHour,
                l.freshPostMaxAge(), l.instantCommentDelay());
    }
}
