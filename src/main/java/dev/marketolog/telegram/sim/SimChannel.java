package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
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
    private long nextMessageId;
    private long nextDiscussionMessageId = 1;

    SimChannel(long id, String title, long discussionChatId, boolean forbidden, Duration slowModeDelay, long nextMessageId) {
        this.id = id;
        this.title = title;
        this.discussionChatId = discussionChatId;
        this.forbidden = forbidden;
        this.slowModeDelay = slowModeDelay;
        this.nextMessageId = nextMessageId;
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

    long nextMessageId() {
        return nextMessageId;
    }

    void publish(SimPost post) {
        published.add(post);
        byMessageId.put(post.post().messageId(), post);
        nextMessageId = Math.max(nextMessageId, post.nextMessageId());
    }

    /** The published post with this id (an album only by its first message), if it was not deleted. */
    Optional<SimPost> post(long messageId) {
        return Optional.ofNullable(byMessageId.get(messageId)).filter(p -> !p.deleted());
    }

    /** The newest published posts, newest first, at most {@code limit}. */
    List<Post> newest(int limit) {
        List<Post> newest = new ArrayList<>(Math.min(limit, published.size()));
        for (int i = published.size() - 1; i >= 0 && newest.size() < limit; i--) {
            if (!published.get(i).deleted()) {
                newest.add(published.get(i).post());
            }
        }
        return newest;
    }

    long takeDiscussionMessageId() {
        return nextDiscussionMessageId++;
    }
}
