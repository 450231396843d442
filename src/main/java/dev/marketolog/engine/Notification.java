package dev.marketolog.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the operator is told about. Its {@code key} names the happening, so writing it twice (a retried
 * transaction, two instances noticing the same thing) is still one notification.
 *
 * @param account the account it is about; empty for the whole process (the LLM, the digest)
 * @param text what happened, one or a few plain-text lines
 * @param deliverFrom not sent before then (a spam block's end is written when the block starts)
 */
public record Notification(String key, Kind kind, Optional<String> account, String text, Instant at, Instant deliverFrom) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What kind of happening it is; {@link #code()} is its name in the outbox and the webhook's body. */
    public enum Kind {
        SPAM_BLOCK_STARTED("Spam block started"),
        SPAM_BLOCK_ENDED("Spam block ended"),
        CHANNEL_BANNED("Channel banned"),
        SESSION_GONE("Session gone: login needed"),
        ACCOUNT_FAILING("Account failing repeatedly"),
        LLM_DOWN("LLM unavailable"),
        REVIEW_WAITING("Drafts waiting for review"),
        DIGEST("Daily digest");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        /** A short headline for a message or a notification's title. */
        public String title() {
            return title;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public Notification {
        Objects.requireNonNull(key);
        Objects.requireNonNull(kind);
        if (key.isBlank() || text.isBlank()) {
            throw new IllegalArgumentException("a notification needs a key and a text");
        }
    }

    /** Sent as soon as possible. */
    public static Notification now(String key, Kind kind, Optional<String> account, String text, Instant at) {
        return new Notification(key, kind, account, text, at, at);
    }

    /** The spam block that {@code state} holds started at its {@code lastSpamBlockAt}. */
    public static Notification spamBlockStarted(String account, Instant since, Instant until) {
        return now("spam_block_started:" + account + ":" + since.toEpochMilli(), Kind.SPAM_BLOCK_STARTED, Optional.of(account),
                account + " sleeps until " + TIME.format(until) + " after repeated serious errors (PeerFlood or long flood waits)",
                since);
    }

    /** The end of that block, to be sent when it is over. */
    public static Notification spamBlockEnded(String account, Instant since, Instant until) {
        return new Notification("spam_block_ended:" + account + ":" + since.toEpochMilli(), Kind.SPAM_BLOCK_ENDED,
                Optional.of(account), account + " runs again: its spam block of " + TIME.format(since) + " is over", since, until);
    }

    public static Notification channelBanned(String account, long channelId, String reason, Instant at) {
        return now("channel_banned:" + account + ":" + channelId + ":" + at.toEpochMilli(), Kind.CHANNEL_BANNED,
                Optional.of(account), account + " put channel " + channelId + " on its ban list: " + reason, at);
    }

    public static Notification sessionGone(String account, String reason, Instant at) {
        return now("session_gone:" + account + ":" + at.toEpochMilli(), Kind.SESSION_GONE, Optional.of(account),
                account + " stopped: its Telegram session is gone (" + reason + "); run marketolog login for it", at);
    }

    /** {@code failures} failures within {@code window}; one a window start, so a failing account is reported once an hour. */
    public static Notification accountFailing(String account, int failures, Duration window, String last, Instant windowStart, Instant at) {
        return now("account_failing:" + account + ":" + windowStart.toEpochMilli(), Kind.ACCOUNT_FAILING, Optional.of(account),
                account + " failed " + failures + " times within " + window.toMinutes() + " minutes; the last: " + last, at);
    }

    /** Drafts wait for the operator; one notification for each oldest draft, so a queue that stays is not repeated. */
    public static Notification reviewWaiting(NotificationOutbox.WaitingDrafts waiting, Instant at) {
        String account = waiting.account();
        return now("review_waiting:" + account + ":" + waiting.oldestId(), Kind.REVIEW_WAITING, Optional.of(account),
                account + " has " + waiting.count() + " draft(s) waiting for review, the oldest since "
                        + TIME.format(waiting.oldestSince()), at);
    }

    /** The LLM has failed every draft since {@code since}. */
    public static Notification llmDown(Instant since, Instant at) {
        return now("llm_down:" + since.toEpochMilli(), Kind.LLM_DOWN, Optional.empty(),
                "The LLM has been unavailable since " + TIME.format(since) + ": no comments are written", at);
    }
}
