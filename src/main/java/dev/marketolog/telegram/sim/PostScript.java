package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Writes a channel's posts one after the other, as time needs them: a Poisson process of {@code postsPerDay} up to
 * {@code start + length}, whole seconds like Telegram's dates, some albums, a few without text, and other people's
 * comments. The channel's message ids, hand-published posts included, are counted here.
 */
final class PostScript {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();
    private static final int MAX_ALBUM = 6;
    private static final int MAX_OTHER_COMMENTS = 3;
    private static final double MEAN_OTHER_COMMENT_DELAY_SECONDS = 1800;

    private final SimOptions options;
    private final long channelId;
    private final RandomGenerator random;
    private final Instant end;
    private Instant at;
    private long nextMessageId;

    /** The script of {@code channelId} whose first post follows {@code from}. */
    PostScript(SimOptions options, long channelId, long firstMessageId, Instant from, RandomGenerator random) {
        this.options = options;
        this.channelId = channelId;
        this.random = random;
        this.end = options.start().plus(options.length());
        this.at = from;
        this.nextMessageId = firstMessageId;
    }

    /** The channel's next post, or empty when it posts nothing more. */
    Optional<SimPost> next() {
        if (options.postsPerDay() == 0) {
            return Optional.empty();
        }
        double meanGapSeconds = SECONDS_PER_DAY / options.postsPerDay();
        at = at.plusSeconds(Math.max(1, Math.round(random.nextExponential() * meanGapSeconds)));
        if (!at.isBefore(end)) {
            return Optional.empty();
        }
        SimPost post = post(new Post(channelId, nextMessageId, at, ""));
        nextMessageId = post.nextMessageId();
        return Optional.of(post);
    }

    /** A post published by hand at {@code when} (tests, the engine's end-to-end run), taking the next message ids. */
    SimPost handPublished(Instant when, String text, int messages) {
        SimPost post = new SimPost(new Post(channelId, nextMessageId, when, text), messages, List.of());
        nextMessageId = post.nextMessageId();
        return post;
    }

    /** The message id the channel's next post gets. */
    long nextMessageId() {
        return nextMessageId;
    }

    /** Dresses the bare {@code draft} (its place and time) with an album size, a text and other people's comments. */
    private SimPost post(Post draft) {
        int messages = random.nextDouble() < options.albumRate() ? random.nextInt(2, MAX_ALBUM + 1) : 1;
        String text = random.nextDouble() < options.textlessRate() ? "" : SimTexts.post(random);
        List<SimPost.Comment> others = new ArrayList<>();
        int count = random.nextInt(MAX_OTHER_COMMENTS + 1);
        for (int i = 0; i < count; i++) {
            long delay = Math.max(1, Math.round(random.nextExponential() * MEAN_OTHER_COMMENT_DELAY_SECONDS));
            others.add(new SimPost.Comment(draft.publishedAt().plusSeconds(delay), SimTexts.otherComment(random)));
        }
        return new SimPost(new Post(draft.channelId(), draft.messageId(), draft.publishedAt(), text), messages, others);
    }
}
