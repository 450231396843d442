package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes a channel's posts in advance: a Poisson process of {@code postsPerDay} from {@code start - history} to
 * {@code start + length}, whole seconds like Telegram's dates, some albums, a few without text, and other people's comments.
 */
final class PostScript {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();
    private static final int MAX_ALBUM = 6;
    private static final int MAX_OTHER_COMMENTS = 3;
    private static final double MEAN_OTHER_COMMENT_DELAY_SECONDS = 1800;

    private PostScript() {}

    /** The channel's posts in time order, message ids counting up from {@code firstMessageId}. */
    static List<SimPost> write(SimOptions options, long channelId, long firstMessageId, RandomGenerator random) {
        List<SimPost> posts = new ArrayList<>();
        if (options.postsPerDay() == 0) {
            return posts;
        }
        double meanGapSeconds = SECONDS_PER_DAY / options.postsPerDay();
        Instant end = options.start().plus(options.length());
        Instant at = options.start().minus(options.history());
        long messageId = firstMessageId;
        while (true) {
            at = at.plusSeconds(Math.max(1, Math.round(random.nextExponential() * meanGapSeconds)));
            if (!at.isBefore(end)) {
                return posts;
            }
            SimPost post = post(options, new Post(channelId, messageId, at, ""), random);
            posts.add(post);
            messageId = post.nextMessageId();
        }
    }

    /** A post published now by hand (tests, the engine's end-to-end run). */
    static SimPost post(long channelId, long messageId, Instant at, String text, int messages) {
        return new SimPost(new Post(channelId, messageId, at, text), messages, List.of());
    }

    /** Dresses the bare {@code draft} (its place and time) with an album size, a text and other people's comments. */
    private static SimPost post(SimOptions options, Post draft, RandomGenerator random) {
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
