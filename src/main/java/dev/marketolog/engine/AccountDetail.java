package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One account as the console shows it: the run state, today's count against the limit, the next planned look, the
 * spam guard's waits, each allowlisted channel's condition and the failures since the start.
 */
public record AccountDetail(
        String name,
        RunState state,
        boolean dryRun,
        int sentToday,
        int dailyLimit,
        Optional<Instant> nextLook,
        Optional<Instant> spamBlockUntil,
        Optional<Instant> floodWaitUntil,
        List<ChannelStatus> channels,
        long failures) {

    public AccountDetail {
        channels = List.copyOf(channels);
    }
}
