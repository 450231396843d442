package dev.marketolog.store.memory;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Journal;
import dev.marketolog.engine.JournalEntry;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.StateChange;
import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;

/** The journal in memory, for simulate and tests: the same rules as the JDBC one, indexed for a fleet's virtual week. */
public final class InMemoryJournal implements Journal {

    private static final Comparator<Row> BY_TIME = Comparator.comparing(Row::at).thenComparingLong(r -> r.id);

    private final InMemoryLeaseStore leases;
    private final InMemoryAccountStateStore accountStates;
    private final InMemoryChannelStateStore channelStates;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<Row>> byAccount = new HashMap<>();
    /** Rows that count against limits, by account and by channel, in time order. */
    private final Map<String, NavigableSet<Row>> countedByAccount = new HashMap<>();
    private final Map<Long, NavigableSet<Row>> countedByChannel = new HashMap<>();
    private final Map<PostKey, List<Row>> byPost = new HashMap<>();
    private final Map<MessageKey, Row> byMessage = new HashMap<>();

    /** A journal that checks {@code leases} before a send and writes a result's state changes to the state stores. */
    InMemoryJournal(InMemoryLeaseStore leases, InMemoryAccountStateStore accountStates, InMemoryChannelStateStore channelStates) {
        this.leases = leases;
        this.accountStates = accountStates;
        this.channelStates = channelStates;
    }

    private record MessageKey(long discussionChatId, long messageId) {}

    private static final class Row {
        final long id;
        final String account;
        final PostKey post;
        final Branch branch;
        final Instant createdAt;
        long leaseEpoch;
        CommentStatus status = CommentStatus.RESERVED;
        boolean reachedServer;
        String text;
        Instant sentAt;
        Instant deletedAt;

        Row(long id, String account, PostKey post, Branch branch, Instant createdAt, long leaseEpoch) {
            this.id = id;
            this.leaseEpoch = leaseEpoch;
            this.account = account;
            this.post = post;
            this.branch = branch;
            this.createdAt = createdAt;
        }

        Instant at() {
            return sentAt != null ? sentAt : createdAt;
        }

        boolean counts() {
            return status.live() || status == CommentStatus.FAILED && reachedServer;
        }

        JournalEntry entry() {
            return new JournalEntry(post, branch, status, at());
        }
    }

    @Override
    public synchronized Reservation reserve(String account, PostKey post, Branch branch, Instant at, FleetRules fleet, long leaseEpoch) {
        List<Row> underPost = byPost.getOrDefault(post, List.of());
        if (underPost.stream().anyMatch(r -> r.status.live() && r.account.equals(account))) {
            return new Reservation.AlreadyCommented();
        }
        if (underPost.stream().filter(r -> r.status.live()).map(r -> r.account).distinct().count() >= fleet.maxAccountsPerPost()) {
            return new Reservation.FleetBusy("max_accounts_per_post");
        }
        Row lastByOthers = lastByOthersInChannel(account, post.channelId());
        if (lastByOthers != null && at.isBefore(lastByOthers.at().plus(fleet.minGap()))) {
            return new Reservation.FleetBusy("min_gap");
        }
        Row row = new Row(rows.size() + 1L, account, post, branch, at, leaseEpoch);
        rows.add(row);
        byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(row);
        byPost.computeIfAbsent(post, p -> new ArrayList<>(1)).add(row);
        index(row);
        return new Reservation.Reserved(row.id);
    }

    @Override
    public synchronized boolean markSending(long id, String text, Instant at) {
        Row row = row(id, CommentStatus.RESERVED);
        if (!leases.holds(row.account, row.leaseEpoch)) {
            release(id, at);
            return false;
        }
        written(id, text, CommentStatus.SENDING);
        return true;
    }

    @Override
    public synchronized void markSent(long id, long discussionChatId, long messageId, Optional<String> link, Instant sentAt,
            List<StateChange> changes) {
        Row row = row(id, CommentStatus.SENDING);
        write(row.account, changes, sentAt);
        unindex(row);
        row.sentAt = sentAt;
        row.status = CommentStatus.SENT;
        index(row);
        byMessage.put(new MessageKey(discussionChatId, messageId), row);
    }

    @Override
    public synchronized void markFailed(long id, String error, boolean reachedServer, Instant at, List<StateChange> changes) {
        Row row = row(id, CommentStatus.SENDING);
        write(row.account, changes, at);
        unindex(row);
        row.status = CommentStatus.FAILED;
        row.reachedServer = reachedServer;
        index(row);
    }

    @Override
    public synchronized void markUnknown(long id, String reason, Instant at) {
        row(id, CommentStatus.SENDING).status = CommentStatus.UNKNOWN;
    }

    @Override
    public synchronized void markDryRun(long id, String text, Instant at) {
        written(id, text, CommentStatus.DRY_RUN);
    }

    @Override
    public synchronized void release(long id, Instant at) {
        Row row = row(id, CommentStatus.RESERVED);
        unindex(row);
        row.status = CommentStatus.RELEASED;
    }

    @Override
    public synchronized void recover(String account, Instant at) {
        for (Row row : byAccount.getOrDefault(account, List.of())) {
            if (row.status == CommentStatus.RESERVED) {
                unindex(row);
                row.status = CommentStatus.RELEASED;
            } else if (row.status == CommentStatus.SENDING) {
                row.status = CommentStatus.UNKNOWN;
            }
        }
    }

    @Override
    public synchronized List<JournalEntry> history(String account, Instant since) {
        NavigableSet<Row> counted = countedByAccount.get(account);
        if (counted == null) {
            return List.of();
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (Row row : counted.descendingSet()) {
            if (row.at().isBefore(since)) {
                break;
            }
            entries.add(row.entry());
        }
        return entries.reversed();
    }

    @Override
    public synchronized List<String> recentTexts(String account, int limit) {
        List<Row> own = byAccount.getOrDefault(account, List.of());
        List<String> texts = new ArrayList<>();
        for (int i = own.size() - 1; i >= 0 && texts.size() < limit; i--) {
            Row row = own.get(i);
            if (row.text != null && (row.status == CommentStatus.SENT || row.status == CommentStatus.DRY_RUN)) {
                texts.add(row.text);
            }
        }
        return texts;
    }

    @Override
    public synchronized int otherAccountsUnder(String account, PostKey post) {
        return (int) byPost.getOrDefault(post, List.of()).stream()
                .filter(r -> r.status.live() && !r.account.equals(account))
                .map(r -> r.account)
                .distinct()
                .count();
    }

    @Override
    public synchronized Map<Long, Instant> lastByOthersInChannels(String account, Collection<Long> channelIds) {
        Map<Long, Instant> last = new HashMap<>();
        for (long channelId : channelIds) {
            Row row = lastByOthersInChannel(account, channelId);
            if (row != null) {
                last.put(channelId, row.at());
            }
        }
        return last;
    }

    /** The latest live row of another account in the channel, or null: asked for each channel of every tick. */
    private Row lastByOthersInChannel(String account, long channelId) {
        NavigableSet<Row> counted = countedByChannel.get(channelId);
        if (counted == null) {
            return null;
        }
        for (Iterator<Row> newestFirst = counted.descendingIterator(); newestFirst.hasNext(); ) {
            Row row = newestFirst.next();
            if (row.status.live() && !row.account.equals(account)) {
                return row;
            }
        }
        return null;
    }

    @Override
    public synchronized boolean markDeleted(String account, long discussionChatId, long messageId, Instant at) {
        Row row = byMessage.get(new MessageKey(discussionChatId, messageId));
        if (row == null || !row.account.equals(account)) {
            return false;
        }
        if (row.deletedAt == null) {
            row.deletedAt = at;
        }
        return true;
    }

    @Override
    public synchronized int deletedSince(String account, long channelId, Instant since) {
        return (int) byAccount.getOrDefault(account, List.of()).stream()
                .filter(r -> r.post.channelId() == channelId && r.deletedAt != null && !r.deletedAt.isBefore(since))
                .count();
    }

    // ---- the review queue's moves (InMemoryReviewStore holds this journal's lock around them)

    /** A reserved row's draft waits for review; answers the row's account. */
    String awaitReview(long id, String text) {
        Row row = row(id, CommentStatus.RESERVED);
        row.text = text;
        row.status = CommentStatus.AWAITING_REVIEW;
        return row.account;
    }

    Branch branchOf(long id) {
        return rows.get((int) (id - 1)).branch;
    }

    void retext(long id, String text) {
        row(id, CommentStatus.AWAITING_REVIEW).text = text;
    }

    /** A draft rejected or expired: its slot is freed. */
    void releaseReviewed(long id) {
        Row row = row(id, CommentStatus.AWAITING_REVIEW);
        unindex(row);
        row.status = CommentStatus.RELEASED;
    }

    /** An approved draft goes out under the account's lease of {@code leaseEpoch}, if it is still held. */
    boolean sendReviewed(long id, String text, long leaseEpoch) {
        Row row = row(id, CommentStatus.AWAITING_REVIEW);
        if (!leases.holds(row.account, leaseEpoch)) {
            return false;
        }
        row.text = text;
        row.leaseEpoch = leaseEpoch;
        row.status = CommentStatus.SENDING;
        return true;
    }

    /** Writes the state a send's result caused; the journal's lock makes it one step with the row's move. */
    private void write(String account, List<StateChange> changes, Instant at) {
        for (StateChange change : changes) {
            switch (change) {
                case StateChange.Account(var state) -> accountStates.save(account, state, at);
                case StateChange.Ban(long channelId, String reason) -> channelStates.ban(account, channelId, reason, at);
                case StateChange.Hold(long channelId, Instant until) -> channelStates.hold(account, channelId, until);
            }
        }
    }

    /** A reserved row got its text: both next statuses keep it live and at its reservation time, so its index stands. */
    private void written(long id, String text, CommentStatus next) {
        Row row = row(id, CommentStatus.RESERVED);
        row.text = text;
        row.status = next;
    }

    private Row row(long id, CommentStatus expected) {
        if (id < 1 || id > rows.size()) {
            throw new NoSuchElementException("no journal row " + id);
        }
        Row row = rows.get((int) (id - 1));
        if (row.status != expected) {
            throw new IllegalStateException("journal row " + id + " is " + row.status.code() + ", not " + expected.code());
        }
        return row;
    }

    private void index(Row row) {
        if (row.counts()) {
            countedByAccount.computeIfAbsent(row.account, a -> new TreeSet<>(BY_TIME)).add(row);
            countedByChannel.computeIfAbsent(row.post.channelId(), c -> new TreeSet<>(BY_TIME)).add(row);
        }
    }

    private void unindex(Row row) {
        NavigableSet<Row> own = countedByAccount.get(row.account);
        if (own != null) {
            own.remove(row);
        }
        NavigableSet<Row> channel = countedByChannel.get(row.post.channelId());
        if (channel != null) {
            channel.remove(row);
        }
    }
}
