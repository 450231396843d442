package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.Post;

/**
 * One update for one account, as the sandbox's long poll hands it out.
 *
 * @param seq its number in the account's stream: ask for those after the last one seen
 * @param type new_post, own_comment_deleted, restricted or session_gone
 * @param post the new post (new_post)
 * @param channelId the channel (own_comment_deleted, restricted)
 * @param discussionChatId the discussion group (own_comment_deleted)
 * @param messageId the deleted comment (own_comment_deleted)
 * @param reason why (restricted, session_gone)
 */
public record WireUpdate(long seq, String type, Post post, Long channelId, Long discussionChatId, Long messageId, String reason) {

    /**
     * A batch of updates and where the next poll starts.
     *
     * @param next the {@code after} of the next poll
     */
    public record Batch(long next, java.util.List<WireUpdate> updates) {}
}
