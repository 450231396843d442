package dev.marketolog.cli.sandbox;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.sandbox.WireUpdate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** One account's numbered stream of updates, read by long polls; the oldest are dropped past {@link #KEPT}. */
final class Mailbox {

    static final int KEPT = 10_000;

    private final ArrayDeque<WireUpdate> updates = new ArrayDeque<>();
    private long latest;

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
     * The updates after {@code after}, waiting up to {@code timeout} for one when there is none yet. A number from before a
     * restart of the sandbox (beyond the latest) reads from now on.
     */
    synchronized WireUpdate.Batch after(long after, Duration timeout) throws InterruptedException {
        long from = Math.min(after, latest);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latest <= from) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new WireUpdate.Batch(from, List.of());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<WireUpdate> batch = new ArrayList<>();
        for (WireUpdate update : updates) {
            if (update.seq() > from) {
                batch.add(update);
            }
        }
        return new WireUpdate.Batch(latest, batch);
    }

    private void add(WireUpdate update) {
        updates.addLast(update);
        latest = update.seq();
        if (updates.size() > KEPT) {
            updates.removeFirst();
        }
        notifyAll();
    }
}
