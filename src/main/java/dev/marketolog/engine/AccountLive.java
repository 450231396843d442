package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running process knows of one account without asking the database: its run state, its settings' limits and
 * what it found in its channels. The console joins it with the stored state ({@link AccountBoard}).
 *
 * @param dayStart   the start of the account's local day at the time of reading (its limit counts from there)
 * @param nextLook   when the scheduler next looks for a post to comment, while it runs
 * @param channels   what the account found in each allowlisted channel it prepared, by channel id
 * @param failures   exceptions caught in the account's tasks since the process started
 */
public record AccountLive(
        String name,
        RunState state,
        boolean dryRun,
        int dailyLimit,
        Instant dayStart,
        Optional<Instant> nextLook,
        List<Long> allowlist,
        Map<Long, ChannelView> channels,
        long failures) {

    public AccountLive {
        allowlist = List.copyOf(allowlist);
        channels = Map.copyOf(channels);
    }

    static AccountLive of(AccountPolicy policy, RunState state, Optional<Instant> nextLook, Map<Long, ChannelView> channels,
            long failures, Instant now) {
        Instant dayStart = new ActiveTime(policy.limits().activeWindows(), policy.limits().timezone()).dayStart(now);
        return new AccountLive(policy.name(), state, policy.dryRun(), policy.limits().messagesPerDay(), dayStart, nextLook,
                policy.allowlist(), channels, failures);
    }
}
