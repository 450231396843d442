package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewDraft;
import dev.marketolog.engine.ReviewEvent;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.engine.ReviewState;
import dev.marketolog.engine.ReviewStore;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.telegram.Post;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The review queue in PostgreSQL: {@code review_item} and {@code review_event} beside the journal's {@code comment} row. */
public final class JdbcReviewStore implements ReviewStore {

    private static final String PENDING = "state in ('waiting', 'approved')";
    private static final String ITEM = """
            select r.*, c.channel_id, c.post_id, c.branch from review_item r join comment c on c.id = r.id""";

    private final Jdbc jdbc;
    private final FleetFacts facts;

    /**
     * @param facts the process's fleet facts: a closed draft releases its row. (Holding a draft and sending it keep the
     *     row live at the time it was reserved, so they change no fleet fact.)
     */
    JdbcReviewStore(DataSource dataSource, FleetFacts facts) {
        this.jdbc = new Jdbc(dataSource);
        this.facts = facts;
    }

    @Override
    public void hold(ReviewDraft draft, Instant at) {
        jdbc.transaction("hold draft " + draft.id() + " for review", connection -> {
            String account = Jdbc.query(connection, """
                    update comment set status = 'awaiting_review', text = ?, updated_at = ? where id = ? and status = 'reserved'
                    returning account""",
                    s -> {
                        s.setString(1, draft.text());
                        s.setTimestamp(2, timestamp(at));
                        s.setLong(3, draft.id());
                    },
                    row -> row.getString(1)).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("journal row " + draft.id() + " is not reserved, cannot hold it for review"));
            Array under = connection.createArrayOf("text", draft.commentsUnder().toArray());
            Jdbc.update(connection, """
                    insert into review_item (id, account, channel_title, post_published_at, post_text, comments_under, state,
                        original_text, text, created_at, expires_at)
                    values (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)""",
                    s -> {
                        s.setLong(1, draft.id());
                        s.setString(2, account);
                        s.setString(3, draft.channelTitle());
                        s.setTimestamp(4, timestamp(draft.post().publishedAt()));
                        s.setString(5, draft.post().text());
                        s.setArray(6, under);
                        s.setString(7, draft.text());
                        s.setString(8, draft.text());
                        s.setTimestamp(9, timestamp(at));
                        s.setTimestamp(10, timestamp(draft.expiresAt()));
                    });
            event(connection, draft.id(), at, ReviewEvent.Kind.DRAFTED, Optional.of(draft.text()), Optional.empty(), Optional.empty());
            return null;
        });
    }

    @Override
    public List<ReviewItem> pending(String account) {
        return jdbc.query("read the review queue of " + account, ITEM + " where r.account = ? and r." + PENDING + " order by r.created_at, r.id",
                s -> s.setString(1, account), JdbcReviewStore::item);
    }

    @Override
    public List<ReviewItem> pending() {
        return jdbc.query("read the review queue", ITEM + " where r." + PENDING + " order by r.created_at, r.id", s -> {}, JdbcReviewStore::item);
    }

    @Override
    public List<Post> closed(String account, Instant since) {
        return jdbc.query("read the closed drafts of " + account, ITEM
                        + " where r.account = ? and r.state in ('rejected', 'expired') and r.closed_at >= ?",
                s -> {
                    s.setString(1, account);
                    s.setTimestamp(2, timestamp(since));
                },
                row -> item(row).post());
    }

    @Override
    public Optional<ReviewItem> item(long id) {
        return jdbc.queryOne("read draft " + id, ITEM + " where r.id = ?", s -> s.setLong(1, id), JdbcReviewStore::item);
    }

    @Override
    public List<ReviewEvent> history(long id) {
        return jdbc.query("read the history of draft " + id, "select * from review_event where item_id = ? order by id",
                s -> s.setLong(1, id),
                row -> new ReviewEvent(
                        row.getTimestamp("at").toInstant(),
                        ReviewEvent.Kind.ofCode(row.getString("kind")),
                        Optional.ofNullable(row.getString("text")),
                        operator(row.getString("operator"), row.getString("address")),
                        Optional.ofNullable(row.getString("note"))));
    }

    @Override
    public boolean approve(long id, Operator by, Instant at) {
        return jdbc.transaction("approve draft " + id, connection -> {
            boolean moved = Jdbc.update(connection, """
                    update review_item set state = 'approved', approved_by = ?, approved_from = ? where id = ? and state = 'waiting'""",
                    s -> {
                        s.setString(1, by.name());
                        s.setString(2, by.address());
                        s.setLong(3, id);
                    }) == 1;
            if (moved) {
                event(connection, id, at, ReviewEvent.Kind.APPROVED, Optional.empty(), Optional.of(by), Optional.empty());
            }
            return moved;
        });
    }

    @Override
    public boolean replace(long id, String text, ReviewEvent.Kind kind, Operator by, Instant at) {
        boolean edited = kind == ReviewEvent.Kind.EDITED;
        return jdbc.transaction("replace the text of draft " + id, connection -> {
            // an edit approves the draft; a regenerated one waits for a decision again, whoever had approved the old text
            boolean moved = Jdbc.update(connection, """
                    update review_item set text = ?, state = ?, approved_by = ?, approved_from = ?, blocked_by = null, could_go_at = null
                    where id = ? and""" + " " + PENDING,
                    s -> {
                        s.setString(1, text);
                        s.setString(2, edited ? "approved" : "waiting");
                        s.setString(3, edited ? by.name() : null);
                        s.setString(4, edited ? by.address() : null);
                        s.setLong(5, id);
                    }) == 1;
            if (moved) {
                Jdbc.update(connection, "update comment set text = ?, updated_at = ? where id = ?", s -> {
                    s.setString(1, text);
                    s.setTimestamp(2, timestamp(at));
                    s.setLong(3, id);
                });
                event(connection, id, at, kind, Optional.of(text), Optional.of(by), Optional.empty());
            }
            return moved;
        });
    }

    @Override
    public boolean close(long id, ReviewState to, Optional<Operator> by, Optional<String> note, Instant at) {
        if (to != ReviewState.REJECTED && to != ReviewState.EXPIRED) {
            throw new IllegalArgumentException("a draft is closed as rejected or expired, not " + to.code());
        }
        Closed closed = jdbc.transaction("close draft " + id + " as " + to.code(), connection -> {
            boolean moved = Jdbc.update(connection, "update review_item set state = ?, closed_at = ? where id = ? and " + PENDING, s -> {
                s.setString(1, to.code());
                s.setTimestamp(2, timestamp(at));
                s.setLong(3, id);
            }) == 1;
            if (!moved) {
                return new Closed(false, Optional.empty());
            }
            List<Long> released = Jdbc.query(connection, """
                    update comment set status = 'released', error = ?, updated_at = ? where id = ? and status = 'awaiting_review'
                    returning channel_id""",
                    s -> {
                        s.setString(1, "review: " + to.code() + note.map(n -> " (" + n + ")").orElse(""));
                        s.setTimestamp(2, timestamp(at));
                        s.setLong(3, id);
                    },
                    row -> row.getLong(1));
            event(connection, id, at, to == ReviewState.REJECTED ? ReviewEvent.Kind.REJECTED : ReviewEvent.Kind.EXPIRED,
                    Optional.empty(), by, note);
            return new Closed(true, released.stream().findFirst());
        });
        closed.releasedIn().ifPresent(facts::changed);
        return closed.moved();
    }

    /** Whether a draft was closed, and the channel of the journal row that closing released. */
    private record Closed(boolean moved, Optional<Long> releasedIn) {}

    @Override
    public void assess(long id, Optional<SkipReason> blockedBy, Optional<Instant> couldGoAt) {
        jdbc.update("note why draft " + id + " waits", """
                update review_item set blocked_by = ?, could_go_at = ?
                where id = ? and (blocked_by is distinct from ? or could_go_at is distinct from ?)""",
                s -> {
                    String reason = blockedBy.map(SkipReason::code).orElse(null);
                    s.setString(1, reason);
                    s.setTimestamp(2, timestamp(couldGoAt));
                    s.setLong(3, id);
                    s.setString(4, reason);
                    s.setTimestamp(5, timestamp(couldGoAt));
                });
    }

    @Override
    public boolean markSending(long id, long leaseEpoch, Instant at) {
        return jdbc.transaction("send approved draft " + id, connection -> {
            // the lease row is locked until commit, as JdbcJournal.markSending does
            boolean held = !Jdbc.query(connection, """
                    select 1 from review_item r join account_lease l on l.account = r.account
                    where r.id = ? and r.state = 'approved' and l.epoch = ? and l.expires_at > now() for share of l""",
                    s -> {
                        s.setLong(1, id);
                        s.setLong(2, leaseEpoch);
                    },
                    row -> true).isEmpty();
            if (!held) {
                return false;
            }
            Jdbc.update(connection, "update review_item set state = 'sent', closed_at = ? where id = ?", s -> {
                s.setTimestamp(1, timestamp(at));
                s.setLong(2, id);
            });
            int moved = Jdbc.update(connection, """
                    update comment set status = 'sending', text = r.text, lease_epoch = ?, updated_at = ?
                    from review_item r where r.id = comment.id and comment.id = ? and comment.status = 'awaiting_review'""",
                    s -> {
                        s.setLong(1, leaseEpoch);
                        s.setTimestamp(2, timestamp(at));
                        s.setLong(3, id);
                    });
            if (moved != 1) {
                throw new IllegalStateException("journal row " + id + " is not awaiting review, cannot send it");
            }
            String text = Jdbc.query(connection, "select text from review_item where id = ?", s -> s.setLong(1, id), row -> row.getString(1)).getFirst();
            event(connection, id, at, ReviewEvent.Kind.SENT, Optional.of(text), Optional.empty(), Optional.empty());
            return true;
        });
    }

    private static void event(Connection connection, long id, Instant at, ReviewEvent.Kind kind, Optional<String> text,
            Optional<Operator> by, Optional<String> note) throws SQLException {
        Jdbc.update(connection, "insert into review_event (item_id, at, kind, text, operator, address, note) values (?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setLong(1, id);
                    s.setTimestamp(2, timestamp(at));
                    s.setString(3, kind.code());
                    s.setString(4, text.orElse(null));
                    s.setString(5, by.map(Operator::name).orElse(null));
                    s.setString(6, by.map(Operator::address).orElse(null));
                    s.setString(7, note.orElse(null));
                });
    }

    private static ReviewItem item(ResultSet row) throws SQLException {
        long channelId = row.getLong("channel_id");
        return new ReviewItem(
                row.getLong("id"),
                row.getString("account"),
                row.getString("channel_title"),
                new Post(channelId, row.getLong("post_id"), row.getTimestamp("post_published_at").toInstant(), row.getString("post_text")),
                Branch.valueOf(row.getString("branch").toUpperCase(Locale.ROOT)),
                List.of((String[]) row.getArray("comments_under").getArray()),
                ReviewState.ofCode(row.getString("state")),
                row.getString("original_text"),
                row.getString("text"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("expires_at").toInstant(),
                Optional.ofNullable(row.getString("blocked_by")).map(code -> SkipReason.valueOf(code.toUpperCase(Locale.ROOT))),
                Jdbc.instant(row, "could_go_at"),
                operator(row.getString("approved_by"), row.getString("approved_from")));
    }

    private static Optional<Operator> operator(String name, String address) {
        return Optional.ofNullable(name).map(n -> new Operator(n, address));
    }
}
