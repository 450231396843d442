package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link SimWorld} has become, to write to a file and build the world again from: its channels with every post
 * and comment, each account's view, the accepted comments and the violations counted. Random draws are not kept: a
 * restored world draws anew from its seed and the time it was restored.
 */
public record WorldSnapshot(List<ChannelState> channels, List<AccountState> accounts, List<SentComment> sent,
        GateViolations violations) {

    public WorldSnapshot {
        channels = List.copyOf(channels);
        accounts = List.copyOf(accounts);
        sent = List.copyOf(sent);
    }

    /** A channel: its discussion group, the ids it gives next, and what it has published. */
    public record ChannelState(long id, String title, long discussionChatId, long nextMessageId, long nextDiscussionMessageId,
            List<PostState> posts) {}

    /** A published post (an album spans {@code messages} ids) with the comments under it, shown or still to come. */
    public record PostState(Post post, int messages, boolean deleted, List<CommentState> comments) {}

    /** A comment under a post. */
    public record CommentState(Instant at, String text) {}

    /**
     * An account's view.
     *
     * @param floodWaitUntil when the flood wait the account was given ends, null when it was given none
     */
    public record AccountState(String name, Set<Long> allowlist, Set<Long> prepared, Set<Long> toldClosed,
            Map<Long, Instant> lastSentByChannel, Instant floodWaitUntil) {}
}
