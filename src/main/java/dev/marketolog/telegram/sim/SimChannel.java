package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A simulated channel with its discussion group: what it has published so far, and how it treats comments. */
final class SimChannel {

    static final TelegramError.ChannelClosed FORBIDDEN = new TelegramError.ChannelClosed("CHAT_WRITE_FORBIDDEN");

    private final long id;
    private final String title;
    private final long discussionChatId;
    private final boolean forbidden;
    private final Duration slowModeDelay;
    private final List<SimPost> published = new ArrayList<>();
    private final Map<Long, SimPost> byMessageId = new HashMap<>();
    /** The published posts not deleted, newest first, or null when stale: accounts read far more often than channels change. */
    private List<Post> newestFirst = List.of();
    private final PostScript script;
    private long nextDiscussionMessageId = 1;

    SimChannel(long id, String title, long discussionChatId, boolean forbidden, Duration slowModeDelay, PostScript script) {
        this.id = id;
        this.title = title;
        this.discussionChatId = discussionChatId;
        this.forbidden = forbidden;
        this.slowModeDelay = slowModeDelay;
        this.script = script;
    }

    long id() {
        return id;
    }

    long discussionChatId() {
        return discussionChatId;
    }

    boolean forbidden() {
        return forbidden;
    }

    Duration slowModeDelay() {
        return slowModeDelay;
    }

    /** What {@code prepare} tells an account about this channel. */
    Channel describe() {
        return new Channel(id, title, Optional.of(discussionChatId), slowModeDelay,
                forbidden ? Optional.of(FORBIDDEN) : Optional.empty());
    }

    /** The channel's next scripted post, not yet published; empty when its script has ended. */
    Optional<SimPost> nextScripted() {
        return script.next();
    }

    /** A post written by hand for {@code at}, not yet published. */
    SimPost handWritten(Instant at, String text, int messages) {
        return script.handPublished(at, text, messages);
    }

    void publish(SimPost post) {
        published.add(post);
        byMessageId.put(post.post().messageId(), post);
        newestFirst = null;
    }

    /** Deletes the post for everyone. */
    void delete(SimPost post) {
        post.delete();
        newestFirst = null;
    }

    /** The published post with this id (an album only by its first message), if it was not deleted. */
    Optional<SimPost> post(long messageId) {
        return Optional.ofNullable(byMessageId.get(messageId)).filter(p -> !p.deleted());
    }

    /** The newest published posts, newest first, at most {@code limit}. */
    List<Post> newest(int limit) {
        if (newestFirst == null) {
            newestFirst = published.reversed().stream().filter(p -> !p.deleted()).map(SimPost::post).toList();
        }
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }

    WorldSnapshot.ChannelState state() {
        return new WorldSnapshot.ChannelState(id, title, discussionChatId, script.nextMessageId(), nextDiscussionMessageId,
                published.stream().map(SimPost::state).toList());
    }

    /** The channel as it was in {@code state}, posting on from {@code script}. */
    static SimChannel restore(WorldSnapshot.ChannelState state, boolean forbidden, Duration slowModeDelay, PostScript script) {
        SimChannel channel = new SimChannel(state.id(), state.title(), state.discussionChatId(), forbidden, slowModeDelay, script);
        state.posts().forEach(post -> channel.publish(SimPost.restore(post)));
        channel.nextDiscussionMessageId = state.nextDiscussionMessageId();
        return channel;
    }

    long takeDiscussionMessageId() {
        return nextDiscussionMessageId++;
    }
}
