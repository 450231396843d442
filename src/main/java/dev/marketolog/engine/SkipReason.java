package dev.marketolog.engine;

import java.util.Locale;

/** Why a comment was not made (now, or ever, for that post): the gate's denials and the post filters. */
public enum SkipReason {
    OUTSIDE_ACTIVE_WINDOWS,
    DAILY_LIMIT,
    HOURLY_LIMIT,
    MIN_INTERVAL,
    SPAM_BLOCK,
    FLOOD_WAIT,
    NOT_ALLOWLISTED,
    CHANNEL_BANNED,
    SLOW_MODE_HOLD,
    CHAT_INTERVAL,
    INSTANT_PER_CHAT_LIMIT,
    FLEET_GAP,
    FLEET_POST_TAKEN,
    /** An instant comment would put the account ahead of the day's pace ({@link DayPace}); the scheduler may take the post. */
    AHEAD_OF_PACE,
    POST_TOO_OLD,
    TOO_NEW,
    ALREADY_COMMENTED,
    NO_TEXT,
    SKIP_KEYWORD,
    WRITER_DECLINED,
    WRITER_UNAVAILABLE,
    POST_GONE,
    /** Telegram refused the comment with an error the engine does not know. */
    SEND_REFUSED,
    /** REVIEW_MODE: nobody approved the draft in time, or the gate can never let it go; its slot was released. */
    REVIEW_EXPIRED,
    /** REVIEW_MODE: an operator rejected the draft. */
    REVIEW_REJECTED;

    // once: a simulation's report asks for it for every skip (tens of thousands in a week of fifty accounts)
    private final String code = name().toLowerCase(Locale.ROOT);

    /** The snake_case name used in metrics and reports. */
    public String code() {
        return code;
    }
}
