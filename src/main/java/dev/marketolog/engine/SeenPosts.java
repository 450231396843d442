package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posts the fleet's accounts saw, written to the {@link SeenPostStore} once per process: a tick that meets only
 * posts recorded already writes nothing, and the new ones of a fetch go in one statement. The posts recorded are
 * remembered up to {@link #REMEMBERED}, the least recently seen forgotten first (a forgotten post seen again is only
 * written again, and the store keeps its first record).
 */
final class SeenPosts {

    private static final Logger log = LoggerFactory.getLogger(SeenPosts.class);

    /** About 5 MB: the 20 latest posts of 2,500 channels. */
    static final int REMEMBERED = 50_000;

    /** Empty when the fleet keeps no channel analytics: then nothing is looked up or written. */
    private final Optional<SeenPostStore> store;
    private final Map<PostKey, Boolean> recorded = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PostKey, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    SeenPosts(SeenPostStore store) {
        this.store = Optional.of(store);
    }

    private SeenPosts() {
        this.store = Optional.empty();
    }

    /** Records nothing: a fleet without channel analytics ({@code simulate}) spends no tick on them. */
    static SeenPosts off() {
        return new SeenPosts();
    }

    /**
     * Records those of {@code posts} this process has not recorded yet. A failure is logged and left at that: the
     * analytics must not stop a comment, and the posts are tried again when next seen.
     */
    void saw(List<Post> posts, Instant now) {
        if (store.isEmpty()) {
            return;
        }
        List<Post> unrecorded = new ArrayList<>();
        synchronized (this) {
            // a loop, not a stream: every fetch of every account's ticks comes here (nearly every tick fetches its channels),
            // and nearly always every post is recorded already
            for (Post post : posts) {
                // get, not containsKey: a post seen again is kept among the remembered ones
                if (recorded.get(post.key()) == null) {
                    unrecorded.add(post);
                }
            }
        }
        if (unrecorded.isEmpty()) {
            return;
        }
        try {
            store.get().add(unrecorded, now);
        } catch (RuntimeException e) {
            if (e instanceof StoreUnavailableException) {
                log.debug("posts seen not recorded, the store is unavailable: {}", e.getMessage());
            } else {
                log.warn("posts seen not recorded: {}", e.toString());
            }
            return;
        }
        synchronized (this) {
            unrecorded.forEach(post -> recorded.put(post.key(), Boolean.TRUE));
        }
    }
}
