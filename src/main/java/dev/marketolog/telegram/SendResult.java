package dev.marketolog.telegram;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The one outcome of sending a comment. */
public sealed interface SendResult {

    /**
     * Telegram confirmed the comment: it is in the discussion group under the post.
     *
     * @param link the comment's link in Telegram ({@code https://t.me/...}), when Telegram gave one: asking for it
     *             comes after the send and may fail without making the send fail
     */
    record Sent(long discussionChatId, long messageId, Instant sentAt, Optional<String> link) implements SendResult {
        public Sent {
            Objects.requireNonNull(link, "link");
        }

        /** Sent, without a link. */
        public Sent(long discussionChatId, long messageId, Instant sentAt) {
            this(discussionChatId, messageId, sentAt, Optional.empty());
        }
    }

    /**
     * Telegram refused it; nothing was posted.
     *
     * @param reachedServer false when it was rejected locally before any request left (TDLib's own checks)
     */
    record Failed(TelegramError error, boolean reachedServer) implements SendResult {}

    /** We cannot tell whether it was posted (timed out, connection lost mid-send); it was withdrawn where possible. */
    record Unknown(String reason) implements SendResult {}
}
