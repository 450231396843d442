package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A post of a simulated channel (an album is one post spanning {@code messages} ids), and the comments under it. */
final class SimPost {

    /** One comment under the post; other people's comments are written in advance and show once their time comes. */
    record Comment(Instant at, String text) {}

    private final Post post;
    private final int messages;
    private final List<Comment> comments;
    private boolean deleted;

    SimPost(Post post, int messages, List<Comment> otherPeoplesComments) {
        this.post = post;
        this.messages = messages;
        this.comments = new ArrayList<>(otherPeoplesComments);
        this.comments.sort(Comparator.comparing(Comment::at));
    }

    Post post() {
        return post;
    }

    Instant at() {
        return post.publishedAt();
    }

    /** The message id the channel gives its next post. */
    long nextMessageId() {
        return post.messageId() + messages;
    }

    boolean deleted() {
        return deleted;
    }

    void delete() {
        deleted = true;
    }

    void addComment(Comment comment) {
        comments.add(comment);
        comments.sort(Comparator.comparing(Comment::at));
    }

    /** Removes one comment equal to {@code comment}, if there is one. */
    void removeComment(Comment comment) {
        comments.remove(comment);
    }

    /** Whether {@code comment} is still under the post (a moderator may have deleted it). */
    boolean holds(Comment comment) {
        return comments.contains(comment);
    }

    WorldSnapshot.PostState state() {
        return new WorldSnapshot.PostState(post, messages, deleted,
                comments.stream().map(c -> new WorldSnapshot.CommentState(c.at(), c.text())).toList());
    }

    static SimPost restore(WorldSnapshot.PostState state) {
        SimPost post = new SimPost(state.post(), state.messages(),
                state.comments().stream().map(c -> new Comment(c.at(), c.text())).toList());
        post.deleted = state.deleted();
        return post;
    }

    /** The texts of the latest comments visible at {@code now}, oldest first, at most {@code limit}. */
    List<String> latestComments(Instant now, int limit) {
        List<String> visible = comments.stream().filter(c -> !c.at().isAfter(now)).map(Comment::text).toList();
        return visible.subList(Math.max(0, visible.size() - limit), visible.size());
    }
}
