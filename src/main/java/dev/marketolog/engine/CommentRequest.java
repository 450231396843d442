package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.util.List;

/**
 * What the writer knows when it writes a comment.
 *
 * @param account the account name (texts are never shared between accounts)
 * @param channelTitle the channel's title
 * @param post the post to comment
 * @param commentsUnder the latest comments already under the post, so ours does not repeat them
 * @param ownRecent this account's own last comments, so it does not repeat itself
 */
public record CommentRequest(String account, String channelTitle, Post post, List<String> commentsUnder, List<String> ownRecent) {
    public CommentRequest {
        commentsUnder = List.copyOf(commentsUnder);
        ownRecent = List.copyOf(ownRecent);
    }
}
