package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.List;

/** What {@link ReviewStore#hold} keeps of a written draft of journal row {@code id}. */
public record ReviewDraft(long id, String channelTitle, Post post, List<String> commentsUnder, String text, Instant expiresAt) {
    public ReviewDraft {
        commentsUnder = List.copyOf(commentsUnder);
    }
}
