package dev.marketolog.store.memory;

import dev.marketolog.engine.SeenPostStore;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The posts seen, in memory: each post with when it was first seen. */
public final class InMemorySeenPostStore implements SeenPostStore {

    private final Map<PostKey, Instant> firstSeen = new HashMap<>();

    @Override
    public synchronized void add(List<Post> posts, Instant seenAt) {
        posts.forEach(post -> firstSeen.putIfAbsent(post.key(), seenAt));
    }

    /** Every post seen, with when it was first seen. */
    public synchronized Map<PostKey, Instant> firstSeen() {
        return Map.copyOf(firstSeen);
    }
}
