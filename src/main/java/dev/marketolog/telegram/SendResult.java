package dev.marketolog.telegram;

import java.time.Instant;

/** The one outcome of sending a comment. */
public sealed interface SendResult {

    /** Telegram confirmed the comment: it is in the discussion group under the post. */
    record Sent(long discussionChatId, long messageId, Instant sentAt) implements SendResult {}

    /**
     * Telegram refused it; nothing was posted.
     *
     * @param reachedServer false when it was rejected locally before any request left (TDLib's own checks)
     */
    record Failed(TelegramError error, boolean reachedServer) implements SendResult {}

    /** We cannot tell whether it was posted (timed out, connection lost mid-send); it was withdrawn where possible. */
    record Unknown(String reason) implements SendResult {}
}
