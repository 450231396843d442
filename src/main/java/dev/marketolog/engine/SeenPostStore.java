package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.List;

/** Where the posts our accounts saw in their channels are kept, for the channel analytics. Implementations are thread-safe. */
public interface SeenPostStore {

    /** Records the posts as seen at {@code seenAt}; a post recorded before (by any account) stays as it was. */
    void add(List<Post> posts, Instant seenAt);
}
