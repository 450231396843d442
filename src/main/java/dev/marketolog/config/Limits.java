package dev.marketolog.config;

import java.time.Duration;
import java.time.ZoneId;

/** The pace limits of one account (seed keys in brackets). */
public record Limits(
        ActiveWindows activeWindows,              // ACTIVE_WINDOWS
        ZoneId timezone,                          // TIMEZONE
        int messagesPerDay,                       // MESSAGES_PER_DAY
        int messagesPerHour,                      // MESSAGES_PER_HOUR
        Duration minIntervalBetweenMessages,      // MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS
        Duration minIntervalPerChat,              // MIN_INTERVAL_PER_CHAT_SECONDS
        int maxInstantPerChatPerHour,             // MAX_INSTANT_PER_CHAT_PER_HOUR
        Duration freshPostMaxAge,                 // FRESH_POST_MAX_AGE_MINUTES
        Duration instantCommentDelay) {           // INSTANT_COMMENT_DELAY_SECONDS

    /** The seed README's example values; TIMEZONE defaults to the system zone. */
    public static Limits defaults() {
        return new Limits(
                ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)),
                ZoneId.systemDefault(),
                40,
                8,
                Duration.ofSeconds(90),
                Duration.ofSeconds(2400),
                2,
                Duration.ofMinutes(1440),
                Duration.ofSeconds(300));
    }
}
