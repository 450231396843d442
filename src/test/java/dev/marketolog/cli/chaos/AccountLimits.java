package dev.marketolog.cli.chaos;

import java.time.Duration;
import java.util.Map;

/** The limits one sandbox account runs with, as its env file gives them. */
public record AccountLimits(int perHour, int perDay, Duration minInterval, Duration minIntervalPerChat) {

    /** The env file lines of these limits. */
    Map<String, String> settings() {
        return Map.of(
                "MESSAGES_PER_HOUR", Integer.toString(perHour),
                "MESSAGES_PER_DAY", Integer.toString(perDay),
                "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", Long.toString(minInterval.toSeconds()),
                "MIN_INTERVAL_PER_CHAT_SECONDS", Long.toString(minIntervalPerChat.toSeconds()));
    }
}
