package dev.marketolog.telegram;

import java.time.Instant;

/**
 * A channel post. An album is one post: {@code messageId} is its first message, {@code text} its caption.
 *
 * @param channelId the channel's chat id as in ALLOWLIST_CHAT_IDS
 * @param messageId the channel message id (an album: its first message)
 * @param publishedAt when the channel published it
 * @param text its text or media caption; empty when it has none
 */
public record Post(long channelId, long messageId, Instant publishedAt, String text) {
    public Post {
        text = text == null ? "" : text;
    }

    public PostKey key() {
        return new PostKey(channelId, messageId);
    }
}
