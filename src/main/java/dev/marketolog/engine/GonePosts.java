package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Posts Telegram told one account of the fleet are gone: no other account writes a comment for them. Entries are kept
 * while any account could still find the post fresh.
 */
final class GonePosts {

    private final Map<PostKey, Instant> publishedAt = new HashMap<>();
    private Duration keep = Duration.ZERO;

    /** Keeps each gone post at least {@code freshPostMaxAge} after its publication (the longest of the fleet's accounts wins). */
    synchronized void keepFor(Duration freshPostMaxAge) {
        if (freshPostMaxAge.compareTo(keep) > 0) {
            keep = freshPostMaxAge;
        }
    }

    synchronized void add(Post post, Instant now) {
        Instant oldest = now.minus(keep);
        publishedAt.values().removeIf(at -> at.isBefore(oldest));
        publishedAt.put(post.key(), post.publishedAt());
    }

    synchronized boolean contains(PostKey post) {
        return publishedAt.containsKey(post);
    }
}
