package dev.marketolog.cli.sandbox;

import dev.marketolog.telegram.sandbox.WireError;
import java.time.Instant;

/**
 * A send the sandbox world refused, as its record shows it.
 *
 * @param instance the {@code serve} instance that sent it, as its request said
 */
public record Refusal(String account, long channelId, long postId, Instant at, WireError error, String instance) {}
