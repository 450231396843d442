package dev.marketolog.telegram.sim;

import java.time.Instant;

/** A note an account wrote into its own Saved Messages in the simulated Telegram (a notification to its operator). */
public record SavedMessage(String account, Instant at, String text, long messageId) {}
