package dev.marketolog.store;

import java.time.Instant;
import java.util.Optional;

/** One account as the database knows it, for /health and the panel: its stored state and how many channels it has. */
public record AccountSummary(
        String name,
        Instant createdAt,
        Optional<Instant> spamBlockUntil,
        Optional<Instant> floodWaitUntil,
        int seriousStreak,
        int cooldownLevel,
        int allowlistedChannels,
        int bannedChannels) {}
