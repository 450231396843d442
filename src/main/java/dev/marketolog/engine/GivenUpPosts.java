package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Posts one account will not try again (declined, gone, filtered, refused): remembered so that neither branch spends a
 * check or a writer call on them twice, and forgotten once they are too old to be tried anyway.
 */
final class GivenUpPosts {

    /** Pruning runs at most this often: keeping a stale entry a little longer is harmless. */
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);

    private final Duration freshPostMaxAge;
    private final Map<PostKey, Instant> publishedAt = new HashMap<>();
    private Instant nextPrune = Instant.MIN;

    GivenUpPosts(Duration freshPostMaxAge) {
        this.freshPostMaxAge = freshPostMaxAge;
    }

    boolean contains(PostKey post) {
        return publishedAt.containsKey(post);
    }

    /** Gives the post up; answers whether it is newly given up. */
    boolean add(Post post) {
        return publishedAt.put(post.key(), post.publishedAt()) == null;
    }

    /** Forgets the posts no longer fresh, unless that was done less than {@link #PRUNE_INTERVAL} ago. */
    void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_INTERVAL);
        Instant oldest = now.minus(freshPostMaxAge);
        publishedAt.values().removeIf(at -> at.isBefore(oldest));
    }
}
