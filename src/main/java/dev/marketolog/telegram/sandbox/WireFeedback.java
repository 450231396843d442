package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.PostKey;
import java.util.List;

/**
 * What became of one of our comments, as the sandbox's JSON carries it: the comment as asked, and its reactions and
 * replies.
 */
public record WireFeedback(Comment comment, int reactions, int replies) {

    /** One of our comments: the post it is under and its message in the discussion group. */
    public record Comment(long channelId, long postId, long discussionChatId, long messageId) {

        public static Comment of(OurComment comment) {
            return new Comment(comment.post().channelId(), comment.post().messageId(), comment.discussionChatId(), comment.messageId());
        }

        public OurComment toComment() {
            return new OurComment(new PostKey(channelId, postId), discussionChatId, messageId);
        }
    }

    /** The request's body: {@code {"comments": [...]}}. */
    public record Request(List<Comment> comments) {}

    public static WireFeedback of(OurComment comment, CommentFeedback feedback) {
        return new WireFeedback(Comment.of(comment), feedback.reactions(), feedback.replies());
    }

    public CommentFeedback toFeedback() {
        return new CommentFeedback(reactions, replies);
    }
}
