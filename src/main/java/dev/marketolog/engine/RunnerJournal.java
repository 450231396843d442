package dev.marketolog.engine;

import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The journal as one account's runner uses it: the account's counting rows are read once and kept, because only the
 * runner that holds the account's lease writes them, and every write through here drops what was kept. A thousand
 * accounts would otherwise each read their history for every post that any of them sees (the instant branch), which
 * was most of a busy process's CPU.
 * <p>
 * What others write is seen when the rows kept are {@link #MAX_AGE} old at the latest: an operator who closes a draft
 * (through another instance) releases one of the account's rows, so until then the account counts one row too many,
 * never one too few. The runner's review steps write the rows through the review store: it runs them through
 * {@link #written}.
 */
final class RunnerJournal implements Journal {

    /** How long rows read are trusted without a write of the runner's; see the class comment. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Journal journal;
    private final String account;
    private final InstantSource clock;
    /** Bumped by every write: a read that began before one keeps nothing, since it may have missed it. */
    private long writes;
    private Kept kept;

    private record Kept(Instant since, Instant readAt, List<JournalEntry> rows) {}

    RunnerJournal(Journal journal, String account, InstantSource clock) {
        this.journal = journal;
        this.account = account;
        this.clock = clock;
    }

    /** One of the account's rows was written some other way: the next history is read from the journal. */
    synchronized void changed() {
        writes++;
        kept = null;
    }

    @Override
    public List<JournalEntry> history(String account, Instant since) {
        if (!account.equals(this.account)) {
            return journal.history(account, since);
        }
        Instant now = clock.instant();
        Kept known;
        long seen;
        synchronized (this) {
            known = kept;
            seen = writes;
        }
        if (known != null && !since.isBefore(known.since()) && !now.isBefore(known.readAt())
                && now.isBefore(known.readAt().plus(MAX_AGE))) {
            return known.since().equals(since) ? known.rows() : since(known.rows(), since);
        }
        List<JournalEntry> rows = journal.history(account, since);
        synchronized (this) {
            if (writes == seen) {
                kept = new Kept(since, now, rows);
            }
        }
        return rows;
    }

    /** The rows at or after {@code start}, of rows in time order. */
    static List<JournalEntry> since(List<JournalEntry> rows, Instant start) {
        return rows.stream().filter(e -> !e.at().isBefore(start)).toList();
    }

    @Override
    public Reservation reserve(String account, PostKey post, Branch branch, Instant at, FleetRules fleet, long leaseEpoch) {
        return written(() -> journal.reserve(account, post, branch, at, fleet, leaseEpoch));
    }

    @Override
    public boolean markSending(long id, String text, Instant at) {
        return written(() -> journal.markSending(id, text, at));
    }

    @Override
    public void markSent(long id, long discussionChatId, long messageId, Optional<String> link, Instant sentAt,
            List<StateChange> changes) {
        written(() -> journal.markSent(id, discussionChatId, messageId, link, sentAt, changes));
    }

    @Override
    public void markFailed(long id, String error, boolean reachedServer, Instant at, List<StateChange> changes) {
        written(() -> journal.markFailed(id, error, reachedServer, at, changes));
    }

    @Override
    public void markUnknown(long id, String reason, Instant at) {
        written(() -> journal.markUnknown(id, reason, at));
    }

    @Override
    public void markDryRun(long id, String text, Instant at) {
        written(() -> journal.markDryRun(id, text, at));
    }

    @Override
    public void release(long id, Instant at) {
        written(() -> journal.release(id, at));
    }

    @Override
    public void recover(String account, Instant at) {
        written(() -> journal.recover(account, at));
    }

    @Override
    public boolean markDeleted(String account, long discussionChatId, long messageId, Instant at) {
        return written(() -> journal.markDeleted(account, discussionChatId, messageId, at));
    }

    /** Runs a write of the account's rows (here, or the review store's); whatever came of it, the rows kept are dropped. */
    <T> T written(Supplier<T> write) {
        try {
            return write.get();
        } finally {
            changed();
        }
    }

    void written(Runnable write) {
        written(() -> {
            write.run();
            return null;
        });
    }

    @Override
    public List<String> recentTexts(String account, int limit) {
        return journal.recentTexts(account, limit);
    }

    @Override
    public int otherAccountsUnder(String account, PostKey post) {
        return journal.otherAccountsUnder(account, post);
    }

    @Override
    public Map<Long, Instant> lastByOthersInChannels(String account, Collection<Long> channelIds) {
        return journal.lastByOthersInChannels(account, channelIds);
    }

    @Override
    public int deletedSince(String account, long channelId, Instant since) {
        return journal.deletedSince(account, channelId, since);
    }
}
