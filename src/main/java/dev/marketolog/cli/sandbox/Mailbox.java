package dev.marketolog.cli.sandbox;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.sandbox.WireUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One account's numbered stream of updates; the oldest are dropped past {@link #KEPT}. Each new update rings the world's
 * {@link Bell}, which the long polls wait on.
 */
final class Mailbox {

    static final int KEPT = 10_000;

    private final ArrayDeque<WireUpdate> updates = new ArrayDeque<>();
    private final Bell bell;
    private long latest;

    Mailbox(Bell bell) {
        this.bell = bell;
    }

    synchronized void newPost(Post post) {
        add(new WireUpdate(latest + 1, "new_post", post, null, null, null, null));
    }

    synchronized void ownCommentDeleted(long channelId, long discussionChatId, long messageId) {
        add(new WireUpdate(latest + 1, "own_comment_deleted", null, channelId, discussionChatId, messageId, null));
    }

    synchronized void restricted(long channelId, String reason) {
        add(new WireUpdate(latest + 1, "restricted", null, channelId, null, null, reason));
    }

    synchronized long latest() {
        return latest;
    }

    /**
     * The updates after {@code after}, or nothing when there is none yet. A number beyond the latest (from before a
     * restart of the sandbox) is answered at once with the latest and no updates: its reader reads on from now.
     */
    synchronized Optional<WireUpdate.Batch> after(long after) {
        if (after == latest) {
            return Optional.empty();
        }
        List<WireUpdate> batch = new ArrayList<>();
        for (WireUpdate update : updates) {
            if (update.seq() > after) {
                batch.add(update);
            }
        }
        return Optional.of(new WireUpdate.Batch(latest, batch));
    }

    private void add(WireUpdate update) {
        updates.addLast(update);
        latest = update.seq();
        if (updates.size() > KEPT) {
            updates.removeFirst();
        }
        bell.ring();
    }
}
