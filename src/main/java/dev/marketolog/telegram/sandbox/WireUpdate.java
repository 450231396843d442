package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.Post;
import java.util.List;
import java.util.Map;

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
    public record Batch(long next, List<WireUpdate> updates) {}

    /**
     * A long poll for many accounts at once ({@code POST /api/updates}).
     *
     * @param after each account's last update seen
     * @param timeoutSeconds how long to wait for the first update of any of them
     */
    public record Poll(Map<String, Long> after, long timeoutSeconds) {}

    /**
     * What a long poll for many accounts answers: as soon as one of them has updates, or one is unknown.
     *
     * @param accounts the batch of each account that has updates (or whose number was beyond its latest); the others are
     *                 left out
     * @param unknown  the accounts the sandbox does not know (it restarted): connect them again
     */
    public record Batches(Map<String, Batch> accounts, List<String> unknown) {

        public Batches {
            accounts = Map.copyOf(accounts);
            unknown = List.copyOf(unknown);
        }
    }
}
