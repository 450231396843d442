package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Posts one account will not try again (declined, gone, filtered, refused): remembered so that neither branch spends a
 * check or a writer call on them twice, and forgotten once they are too old to be tried anyway.
 */
final class GivenUpPosts {

    /** Pruning runs at most this often: keeping a stale entry a little longer is harmless. */
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);

    private final Duration freshPostMaxAge;
    private final Set<PostKey> posts = new HashSet<>();
    /** The same posts, oldest first: a prune takes only what it forgets instead of reading every post given up. */
    private final PriorityQueue<Given> byAge = new PriorityQueue<>(Comparator.comparing(Given::publishedAt));
    private Instant nextPrune = Instant.MIN;

    /** @param byOperator its draft was rejected or left to expire in review: an operator's decision, not the settings' */
    private record Given(PostKey key, Instant publishedAt, boolean byOperator) {}

    GivenUpPosts(Duration freshPostMaxAge) {
        this.freshPostMaxAge = freshPostMaxAge;
    }

    boolean contains(PostKey post) {
        return posts.contains(post);
    }

    /** Gives the post up; answers whether it is newly given up. */
    boolean add(Post post) {
        return add(post, false);
    }

    /** Gives up a post whose draft an operator rejected or let expire; answers whether it is newly given up. */
    boolean addClosedInReview(Post post) {
        return add(post, true);
    }

    private boolean add(Post post, boolean byOperator) {
        if (!posts.add(post.key())) {
            return false;
        }
        byAge.add(new Given(post.key(), post.publishedAt(), byOperator));
        return true;
    }

    /**
     * The posts to keep given up under new settings: those closed in review, since an operator decided them. The rest
     * (declined, filtered, refused) were decided by the old settings, which the new ones may decide otherwise.
     */
    GivenUpPosts forNewSettings(Duration newFreshPostMaxAge) {
        GivenUpPosts next = new GivenUpPosts(newFreshPostMaxAge);
        byAge.stream().filter(Given::byOperator).forEach(given -> {
            next.posts.add(given.key());
            next.byAge.add(given);
        });
        return next;
    }

    /** Forgets the posts no longer fresh, unless that was done less than {@link #PRUNE_INTERVAL} ago. */
    void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_INTERVAL);
        Instant oldest = now.minus(freshPostMaxAge);
        while (!byAge.isEmpty() && byAge.peek().publishedAt().isBefore(oldest)) {
            posts.remove(byAge.poll().key());
        }
    }
}
