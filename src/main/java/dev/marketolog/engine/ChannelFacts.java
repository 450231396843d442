package dev.marketolog.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the gate needs to know about one channel besides the account's own journal.
 *
 * @param state the account's ban and hold there
 * @param slowModeDelay the discussion group's slow mode; the account never comments there more often
 * @param lastByOthers when another account of ours last commented there
 */
public record ChannelFacts(ChannelState state, Duration slowModeDelay, Optional<Instant> lastByOthers) {}
