package dev.marketolog.telegram;

import java.util.List;
import java.util.Map;

/**
 * One account's view of Telegram: the port the engine talks to. Calls block (callers run on virtual threads)
 * and never throw for Telegram's refusals: those come back as {@link TelegramError} values.
 */
public interface Telegram {

    /** Makes each channel known and opened, resolves its discussion group, and says which ones cannot be used. */
    List<Channel> prepare(List<Long> allowlist);

    /** The newest posts of a channel, newest first, at most {@code limit}; albums folded into one post. */
    List<Post> recentPosts(long channelId, int limit);

    /** The texts of the latest comments already under a post, oldest first, at most {@code limit}. */
    List<String> commentsUnder(PostKey post, int limit);

    /** Comments {@code text} under {@code post}, joining the discussion group first when that is required. */
    SendResult comment(PostKey post, String text);

    /** Writes {@code text} into the account's own Saved Messages: a note to its operator that no one else sees. */
    SendResult saveMessage(String text);

    /**
     * Reads what became of our comments: the reactions each has received and the messages in its thread replying to
     * it, paced by the account's read budget (callers ask for a few at a time). A comment that cannot be read (deleted,
     * the group left) is missing from the answer. Adapters that cannot read feedback answer nothing.
     */
    default Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        return Map.of();
    }

    /** Registers the one listener for this account's updates. */
    void listen(TelegramListener listener);

    /**
     * Closes the connection while another process may run the account: a session used from two places at once is
     * ended by Telegram (AUTH_KEY_DUPLICATED). The next call opens it again, and the listener stays registered.
     */
    default void disconnect() {}
}
