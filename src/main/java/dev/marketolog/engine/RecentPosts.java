package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.Telegram;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account's recent posts of each channel, newest first: reused for {@link #TTL} so that the scheduler does not ask
 * Telegram on every tick, and kept current between fetches by the new posts Telegram announces.
 */
final class RecentPosts {

    /** How long a channel's recent posts are reused before Telegram is asked again. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** How many of a channel's latest posts are fetched. */
    static final int FETCHED = 20;

    // one call deep, not Comparator.comparing(...).reversed()'s three: every tick sorts the channels it fetches
    private static final Comparator<Post> NEWEST_FIRST = (a, b) -> b.publishedAt().compareTo(a.publishedAt());

    /** A channel's recent posts, newest first; the list is mutable and kept sorted as new posts arrive. */
    private record Cached(Instant fetchedAt, List<Post> posts) {
        boolean validAt(Instant now) {
            return now.isBefore(fetchedAt.plus(TTL));
        }
    }

    private final Telegram telegram;
    private final Duration freshPostMaxAge;
    private final SeenPosts seen;
    private final Map<Long, Cached> cache = new HashMap<>();

    /** @param seen told of every post fetched or announced */
    RecentPosts(Telegram telegram, Duration freshPostMaxAge, SeenPosts seen) {
        this.telegram = telegram;
        this.freshPostMaxAge = freshPostMaxAge;
        this.seen = seen;
    }

    /** The channel's fresh posts, newest first; fetched from Telegram unless a valid copy is cached. */
    List<Post> fresh(long channelId, Instant now) {
        Cached cached = cache.get(channelId);
        if (cached == null || !cached.validAt(now)) {
            List<Post> posts = new ArrayList<>(telegram.recentPosts(channelId, FETCHED));
            seen.saw(posts, now);
            posts.sort(NEWEST_FIRST);
            cached = new Cached(now, posts);
            cache.put(channelId, cached);
        }
        return freshHead(cached.posts(), now);
    }

    /** The channel's fresh posts, newest first, if a valid copy is cached; empty when only a fetch could tell. */
    Optional<List<Post>> freshIfCached(long channelId, Instant now) {
        Cached cached = cache.get(channelId);
        if (cached == null || !cached.validAt(now)) {
            return Optional.empty();
        }
        return Optional.of(freshHead(cached.posts(), now));
    }

    /** Puts a post Telegram just announced in its place among its channel's cached posts, unless it is there already. */
    void add(Post post, Instant now) {
        seen.saw(List.of(post), now);
        Cached cached = cache.get(post.channelId());
        if (cached != null && cached.posts().stream().noneMatch(p -> p.key().equals(post.key()))) {
            int at = 0; // a new post is nearly always the newest: its place is found from the front
            while (at < cached.posts().size() && NEWEST_FIRST.compare(cached.posts().get(at), post) < 0) {
                at++;
            }
            cached.posts().add(at, post);
        }
    }

    /** The fresh head of newest-first {@code posts}. */
    private List<Post> freshHead(List<Post> posts, Instant now) {
        Instant oldest = now.minus(freshPostMaxAge);
        int fresh = 0;
        while (fresh < posts.size() && !posts.get(fresh).publishedAt().isBefore(oldest)) {
            fresh++;
        }
        return posts.subList(0, fresh);
    }
}
