package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Journal;
import dev.marketolog.engine.JournalEntry;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.StateChange;
import dev.marketolog.telegram.PostKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The journal in PostgreSQL's {@code comment} table. A reservation is atomic across processes: it locks its channel. */
public final class JdbcJournal implements Journal {

    static final String LIVE = "status in ('reserved', 'sending', 'sent', 'unknown', 'dry_run', 'awaiting_review')";
    static final String COUNTS = "(" + LIVE + " or (status = 'failed' and reached_server))";

    // The reads of an account's tick, each served by an index of V4 (JournalQueryPlanTest checks the plans).
    /** An account's counting rows since a time: comment_account_counted. */
    static final String HISTORY = "select channel_id, post_id, branch, status, counted_at from comment"
            + " where account = ? and counted_at >= ? and " + COUNTS + " order by counted_at, id";
    /**
     * The fleet facts of each of an array of channels, in one statement that serves every asking account: per channel its
     * newest live row and the newest live row of another account than that one's, both read backwards from
     * comment_channel_others alone.
     */
    static final String NEWEST_IN_CHANNELS = "select c.channel_id, top.account, top.counted_at, runner_up.counted_at"
            + " from unnest(?::bigint[]) c (channel_id)"
            + " cross join lateral (select account, counted_at from comment where comment.channel_id = c.channel_id and " + LIVE
            + " order by counted_at desc limit 1) top"
            + " left join lateral (select counted_at from comment where comment.channel_id = c.channel_id"
            + " and account <> top.account and " + LIVE + " order by counted_at desc limit 1) runner_up on true";
    /** An account's recent texts: comment_account_texts. */
    static final String RECENT_TEXTS = "select text from comment where account = ? and status in ('sent', 'dry_run')"
            + " and text is not null order by counted_at desc, id desc limit ?";
    /** The accounts under a post: comment_post. */
    static final String ACCOUNTS_UNDER = "select distinct account from comment where channel_id = ? and post_id = ? and " + LIVE;

    private final Jdbc jdbc;
    /** The reads of an account's tick, outside any write's transaction; each is the same index lookup whatever its parameters. */
    private final Jdbc reads;
    private final FleetFacts facts;

    /** A journal with a fleet-facts cache of its own: for readers of the journal beside the engine's stores. */
    public JdbcJournal(DataSource dataSource) {
        this(dataSource, dataSource, new FleetFacts());
    }

    /**
     * @param reads where a tick's reads run: {@link Database#plannedOnceReads()} in {@code serve}
     * @param facts the process's fleet facts, told of every write here that changes them
     */
    JdbcJournal(DataSource dataSource, DataSource reads, FleetFacts facts) {
        this.jdbc = new Jdbc(dataSource);
        this.reads = dataSource == reads ? jdbc : new Jdbc(reads);
        this.facts = facts;
    }

    @Override
    public Reservation reserve(String account, PostKey post, Branch branch, Instant at, FleetRules fleet, long leaseEpoch) {
        Reservation reservation = reserving(account, post, branch, at, fleet, leaseEpoch);
        // a refusal wrote nothing: the facts every other account is refused by stay cached
        if (reservation instanceof Reservation.Reserved) {
            facts.changed(post.channelId());
        }
        return reservation;
    }

    private Reservation reserving(String account, PostKey post, Branch branch, Instant at, FleetRules fleet, long leaseEpoch) {
        return jdbc.transaction("reserve a comment of " + account + " under " + post, connection -> {
            // one reservation per channel at a time, across processes: the fleet rules read, then write
            Jdbc.query(connection, "select pg_advisory_xact_lock(?)", s -> s.setLong(1, post.channelId()), row -> null);
            Set<String> under = accountsUnder(connection, post);
            if (under.contains(account)) {
                return new Reservation.AlreadyCommented();
            }
            if (under.size() >= fleet.maxAccountsPerPost()) {
                return new Reservation.FleetBusy("max_accounts_per_post");
            }
            Optional<Instant> last = Optional.ofNullable(newestIn(connection, Set.of(post.channelId())).get(post.channelId()))
                    .flatMap(newest -> newest.byOthersThan(account));
            if (last.isPresent() && at.isBefore(last.get().plus(fleet.minGap()))) {
                return new Reservation.FleetBusy("min_gap");
            }
            long id = Jdbc.query(connection, """
                    insert into comment (account, channel_id, post_id, branch, status, created_at, updated_at, lease_epoch)
                    values (?, ?, ?, ?, 'reserved', ?, ?, ?) returning id""",
                    s -> {
                        s.setString(1, account);
                        s.setLong(2, post.channelId());
                        s.setLong(3, post.messageId());
                        s.setString(4, branch.code());
                        s.setTimestamp(5, timestamp(at));
                        s.setTimestamp(6, timestamp(at));
                        s.setLong(7, leaseEpoch);
                    },
                    row -> row.getLong(1)).getFirst();
            return new Reservation.Reserved(id);
        });
    }

    @Override
    public boolean markSending(long id, String text, Instant at) {
        return moving("mark journal row " + id + " sending", connection -> {
            // the lease row is locked until commit: a take by another process waits, then its recovery sees this row
            boolean held = !Jdbc.query(connection, """
                    select 1 from comment c join account_lease l on l.account = c.account
                    where c.id = ? and l.epoch = c.lease_epoch and l.expires_at > now() for share of l""",
                    s -> s.setLong(1, id), row -> true).isEmpty();
            return held
                    ? move(connection, id, CommentStatus.RESERVED, CommentStatus.SENDING, "text = ?", at, s -> s.setString(1, text))
                    : move(connection, id, CommentStatus.RESERVED, CommentStatus.RELEASED, "error = ?", at,
                            s -> s.setString(1, "lease lost before sending"));
        }).to() == CommentStatus.SENDING;
    }

    @Override
    public void markSent(long id, long discussionChatId, long messageId, Optional<String> link, Instant sentAt,
            List<StateChange> changes) {
        moving("mark journal row " + id + " sent", connection -> {
            Moved moved = move(connection, id, CommentStatus.SENDING, CommentStatus.SENT,
                    "discussion_chat_id = ?, message_id = ?, sent_at = ?, message_link = ?", sentAt, s -> {
                        s.setLong(1, discussionChatId);
                        s.setLong(2, messageId);
                        s.setTimestamp(3, timestamp(sentAt));
                        s.setString(4, link.orElse(null));
                    });
            write(connection, moved.account(), changes, sentAt);
            return moved;
        });
    }

    @Override
    public void markFailed(long id, String error, boolean reachedServer, Instant at, List<StateChange> changes) {
        moving("mark journal row " + id + " failed", connection -> {
            Moved moved = move(connection, id, CommentStatus.SENDING, CommentStatus.FAILED, "error = ?, reached_server = ?", at, s -> {
                s.setString(1, error);
                s.setBoolean(2, reachedServer);
            });
            write(connection, moved.account(), changes, at);
            return moved;
        });
    }

    /** Writes the state a send's result caused, in the transaction that records the result. */
    private static void write(Connection connection, String account, List<StateChange> changes, Instant at) throws SQLException {
        for (StateChange change : changes) {
            switch (change) {
                case StateChange.Account(var state) -> JdbcAccountStateStore.save(connection, account, state, at);
                case StateChange.Ban(long channelId, String reason) -> JdbcChannelStateStore.ban(connection, account, channelId, reason, at);
                case StateChange.Hold(long channelId, Instant until) -> JdbcChannelStateStore.hold(connection, account, channelId, until);
            }
        }
    }

    @Override
    public void markUnknown(long id, String reason, Instant at) {
        move(id, CommentStatus.SENDING, CommentStatus.UNKNOWN, "error = ?", at, s -> s.setString(1, reason));
    }

    @Override
    public void markDryRun(long id, String text, Instant at) {
        move(id, CommentStatus.RESERVED, CommentStatus.DRY_RUN, "text = ?", at, s -> s.setString(1, text));
    }

    @Override
    public void release(long id, Instant at) {
        move(id, CommentStatus.RESERVED, CommentStatus.RELEASED, "error = null", at, s -> {});
    }

    private void move(long id, CommentStatus from, CommentStatus to, String assignments, Instant at, Jdbc.Binder binder) {
        moving("mark journal row " + id + " " + to.code(), connection -> move(connection, id, from, to, assignments, at, binder));
    }

    /** A journal row moved to status {@code to}: its account and channel. */
    private record Moved(String account, long channelId, CommentStatus to) {}

    /**
     * Runs a transaction that moves a row, then has the fleet facts of its channel read again: after the commit, so no
     * read can cache the row as it was before.
     */
    private Moved moving(String what, Jdbc.Work<Moved> work) {
        Moved moved = jdbc.transaction(what, work);
        facts.changed(moved.channelId());
        return moved;
    }

    /** Moves row {@code id} from one status to the next, setting {@code assignments} (bound from parameter 1 on). */
    private static Moved move(Connection connection, long id, CommentStatus from, CommentStatus to, String assignments, Instant at,
            Jdbc.Binder binder) throws SQLException {
        int parameters = (int) assignments.chars().filter(c -> c == '?').count();
        List<Moved> moved = Jdbc.query(connection,
                "update comment set " + assignments + ", status = ?, updated_at = ? where id = ? and status = ? returning account, channel_id",
                s -> {
                    binder.bind(s);
                    s.setString(parameters + 1, to.code());
                    s.setTimestamp(parameters + 2, timestamp(at));
                    s.setLong(parameters + 3, id);
                    s.setString(parameters + 4, from.code());
                },
                row -> new Moved(row.getString(1), row.getLong(2), to));
        if (moved.size() != 1) {
            throw new IllegalStateException("journal row " + id + " is not " + from.code() + ", cannot mark it " + to.code());
        }
        return moved.getFirst();
    }

    @Override
    public void recover(String account, Instant at) {
        jdbc.transaction("recover the journal of " + account, connection -> {
            for (String[] move : new String[][] {{"reserved", "released"}, {"sending", "unknown"}}) {
                Jdbc.update(connection, "update comment set status = ?, updated_at = ? where account = ? and status = ?", s -> {
                    s.setString(1, move[1]);
                    s.setTimestamp(2, timestamp(at));
                    s.setString(3, account);
                    s.setString(4, move[0]);
                });
            }
            return null;
        });
        // once per account and start: cheaper to read every channel again than to ask which ones it touched
        facts.changedAll();
    }

    @Override
    public List<JournalEntry> history(String account, Instant since) {
        return reads.query("read the journal of " + account,
                HISTORY,
                s -> {
                    s.setString(1, account);
                    s.setTimestamp(2, timestamp(since));
                },
                row -> new JournalEntry(
                        new PostKey(row.getLong("channel_id"), row.getLong("post_id")),
                        Branch.valueOf(row.getString("branch").toUpperCase(Locale.ROOT)),
                        CommentStatus.ofCode(row.getString("status")),
                        row.getTimestamp("counted_at").toInstant()));
    }

    @Override
    public List<String> recentTexts(String account, int limit) {
        return reads.query("read the recent comments of " + account,
                RECENT_TEXTS,
                s -> {
                    s.setString(1, account);
                    s.setInt(2, limit);
                },
                row -> row.getString(1));
    }

    @Override
    public int otherAccountsUnder(String account, PostKey post) {
        return facts.otherAccountsUnder(account, post,
                p -> reads.query("read the accounts under " + p, ACCOUNTS_UNDER, under(p), row -> row.getString(1)));
    }

    private static Set<String> accountsUnder(Connection connection, PostKey post) throws SQLException {
        return Set.copyOf(Jdbc.query(connection, ACCOUNTS_UNDER, under(post), row -> row.getString(1)));
    }

    private static Jdbc.Binder under(PostKey post) {
        return s -> {
            s.setLong(1, post.channelId());
            s.setLong(2, post.messageId());
        };
    }

    @Override
    public Map<Long, Instant> lastByOthersInChannels(String account, Collection<Long> channelIds) {
        if (channelIds.isEmpty()) {
            return Map.of();
        }
        return facts.lastByOthers(account, channelIds, missing -> byChannel(reads.query(
                "read the last comments in " + missing.size() + " channels", NEWEST_IN_CHANNELS, in(missing), JdbcJournal::newest)));
    }

    private static Map<Long, FleetFacts.Newest> newestIn(Connection connection, Collection<Long> channelIds) throws SQLException {
        return byChannel(Jdbc.query(connection, NEWEST_IN_CHANNELS, in(channelIds), JdbcJournal::newest));
    }

    private static Jdbc.Binder in(Collection<Long> channelIds) {
        return s -> s.setArray(1, s.getConnection().createArrayOf("bigint", channelIds.toArray()));
    }

    private static Map.Entry<Long, FleetFacts.Newest> newest(ResultSet row) throws SQLException {
        return Map.entry(row.getLong(1), new FleetFacts.Newest(row.getString(2), row.getTimestamp(3).toInstant(),
                Optional.ofNullable(row.getTimestamp(4)).map(Timestamp::toInstant)));
    }

    private static Map<Long, FleetFacts.Newest> byChannel(List<Map.Entry<Long, FleetFacts.Newest>> rows) {
        return rows.stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public boolean markDeleted(String account, long discussionChatId, long messageId, Instant at) {
        return jdbc.update("mark a deleted comment of " + account, """
                update comment set deleted_at = coalesce(deleted_at, ?), updated_at = ?
                where account = ? and discussion_chat_id = ? and message_id = ?""",
                s -> {
                    s.setTimestamp(1, timestamp(at));
                    s.setTimestamp(2, timestamp(at));
                    s.setString(3, account);
                    s.setLong(4, discussionChatId);
                    s.setLong(5, messageId);
                }) > 0;
    }

    @Override
    public int deletedSince(String account, long channelId, Instant since) {
        return reads.queryOne("count the deleted comments of " + account,
                "select count(*) from comment where account = ? and channel_id = ? and deleted_at >= ?",
                s -> {
                    s.setString(1, account);
                    s.setLong(2, channelId);
                    s.setTimestamp(3, timestamp(since));
                },
                row -> row.getInt(1)).orElse(0);
    }
}
