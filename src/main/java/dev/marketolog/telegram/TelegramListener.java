package dev.marketolog.telegram;

/** What an account hears from Telegram between its own requests. Calls come from the adapter's thread: keep them short. */
public interface TelegramListener {

    /** A new post appeared in an allowlisted channel. */
    default void newPost(Post post) {}

    /**
     * A message in the discussion group of {@code channelId} was deleted for good, perhaps one of this account's
     * comments: the journal knows which are (those of earlier runs too).
     */
    default void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {}

    /** The account was restricted or banned in the channel's discussion group. */
    default void restricted(long channelId, String reason) {}

    /** The session is gone; the account must stop. */
    default void sessionGone(String reason) {}
}
