package dev.marketolog.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.Limits;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.telegram.sim.GateViolations;
import dev.marketolog.telegram.sim.SimOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The acceptance run: a week of {@code simulate} with the seed's limits and a busy allowlist. */
class PacingTest {

    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    static final List<Long> BUSY_ALLOWLIST = LongStream.rangeClosed(1, 20).mapToObj(i -> -1001000000000L - i).toList();

    /** The defaults (windows 5-10,18-24, 40 a day, 8 an hour) in UTC, with another ACTIVE_WINDOWS when given. */
    static AccountSettings account(ActiveWindows windows) {
        AccountSettings d = AccountSettings.defaults("bot", BUSY_ALLOWLIST);
        Limits l = d.limits();
        Limits limits = new Limits(windows, ZoneOffset.UTC, l.messagesPerDay(), l.messagesPerHour(), l.minIntervalBetweenMessages(),
                l.minIntervalPerChat(), l.maxInstantPerChatPerHour(), l.freshPostMaxAge(), l.instantCommentDelay());
        return new AccountSettings(d.name(), d.envFile(), d.apiId(), d.apiHash(), d.hasTelethonSession(), d.enabled(), d.allowlist(),
                limits, d.spamGuard(), d.llm(), d.persona(), d.dryRun(), d.sessionEncryptionKey(), d.proxy(), d.sendTimeout(),
                d.selfDeletedLimit(), d.skipKeywords(), d.cacheTtl(), d.review());
    }

    static SimulationRun week(AccountSettings account, long seed, double postsPerDay) {
        SimOptions options = SimOptions.builder(seed, START, Duration.ofDays(7)).postsPerDay(postsPerDay).build();
        SimulationRun run = Simulation.run(new Settings(ProcessSettings.defaults(), List.of(account), List.of()), options,
                a -> new PlaceholderWriter(), false);
        assertThat(run.violations()).isEqualTo(GateViolations.NONE);
        return run;
    }

    @Test
    void aBusyWeekWithTheDefaultsSpreadsEachDaysCommentsOverAllActiveWindows() {
        AccountSettings account = account(AccountSettings.defaults("bot", List.of()).limits().activeWindows());
        assertThat(account.limits().timezone()).isEqualTo(ZoneId.of("Z"));

        DaySpread.assertSpreadOverTheWindows(week(account, 1, 6), account);
    }
}
