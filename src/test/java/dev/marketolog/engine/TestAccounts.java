package dev.marketolog.engine;

import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.config.ReviewSettings;
import dev.marketolog.config.SpamGuardSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Account policies for the engine's tests: the seed's defaults in a fixed zone, changed one part at a time. */
final class TestAccounts {

    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private TestAccounts() {}

    /** Active all day, generous limits: only what a test sets gets in the way. */
    static Limits openLimits() {
        return new Limits(ActiveWindows.of(new HourWindow(0, 24)), ZONE, 1000, 1000, Duration.ZERO, Duration.ZERO, 1000,
                Duration.ofMinutes(1440), Duration.ofSeconds(300));
    }

    static AccountPolicy account(String name, List<Long> allowlist) {
        return new AccountPolicy(name, true, false, allowlist, List.of(), openLimits(), SpamGuardSettings.defaults(), 2,
                ReviewSettings.defaults());
    }

    static AccountPolicy with(AccountPolicy s, Limits limits) {
        return new AccountPolicy(s.name(), s.enabled(), s.dryRun(), s.allowlist(), s.skipKeywords(), limits, s.spamGuard(),
                s.selfDeletedLimit(), s.review());
    }

    static AccountPolicy with(AccountPolicy s, SpamGuardSettings guard) {
        return new AccountPolicy(s.name(), s.enabled(), s.dryRun(), s.allowlist(), s.skipKeywords(), s.limits(), guard,
                s.selfDeletedLimit(), s.review());
    }

    static AccountPolicy disabled(AccountPolicy s) {
        return new AccountPolicy(s.name(), false, s.dryRun(), s.allowlist(), s.skipKeywords(), s.limits(), s.spamGuard(),
                s.selfDeletedLimit(), s.review());
    }

    static AccountPolicy dryRun(AccountPolicy s) {
        return new AccountPolicy(s.name(), s.enabled(), true, s.allowlist(), s.skipKeywords(), s.limits(), s.spamGuard(),
                s.selfDeletedLimit(), s.review());
    }

    static AccountPolicy skipping(AccountPolicy s, List<String> keywords) {
        return new AccountPolicy(s.name(), s.enabled(), s.dryRun(), s.allowlist(), keywords, s.limits(), s.spamGuard(),
                s.selfDeletedLimit(), s.review());
    }

    /** Drafts wait for an operator, at most {@code timeout}. */
    static AccountPolicy reviewed(AccountPolicy s, Duration timeout) {
        return new AccountPolicy(s.name(), s.enabled(), s.dryRun(), s.allowlist(), s.skipKeywords(), s.limits(), s.spamGuard(),
                s.selfDeletedLimit(), new ReviewSettings(true, timeout));
    }

    static Limits limits(Limits l, ActiveWindows windows, int perDay, int perHour, Duration minInterval, Duration perChat,
            int instantPerChatPerHour) {
        return new Limits(windows, l.timezone(), perDay, perHour, minInterval, perChat, instantPerChatPerHour,
                l.freshPostMaxAge(), l.instantCommentDelay());
    }
}
