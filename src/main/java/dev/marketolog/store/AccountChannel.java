package dev.marketolog.store;

import java.time.Instant;
import java.util.Optional;

/** A channel an account has (or had) on its allowlist, with its ban and slow-mode hold. */
public record AccountChannel(
        long channelId,
        boolean allowlisted,
        Optional<String> bannedReason,
        Optional<Instant> bannedAt,
        Optional<Instant> holdUntil) {}
