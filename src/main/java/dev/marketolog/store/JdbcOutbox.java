package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;
import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.Notification;
import dev.marketolog.engine.NotificationOutbox;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The outbox in PostgreSQL's {@code notification_outbox} table. Due rows are claimed with {@code FOR UPDATE SKIP
 * LOCKED} for the length of their delivery, so several instances never send one row at once.
 */
public final class JdbcOutbox implements NotificationOutbox {

    private final Jdbc jdbc;

    public JdbcOutbox(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void add(Notification notification) {
        jdbc.transaction("add notification " + notification.key(), connection -> {
            add(connection, notification);
            return null;
        });
    }

    /** Adds the notification inside the caller's transaction, unless one with its key exists. */
    static void add(Connection connection, Notification n) throws SQLException {
        Jdbc.update(connection, """
                insert into notification_outbox (event_key, kind, account, body, created_at, deliver_from, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (event_key) do nothing""",
                s -> {
                    s.setString(1, n.key());
                    s.setString(2, n.kind().code());
                    s.setString(3, n.account().orElse(null));
                    s.setString(4, n.text());
                    s.setTimestamp(5, timestamp(n.at()));
                    s.setTimestamp(6, timestamp(n.deliverFrom()));
                    s.setTimestamp(7, timestamp(n.deliverFrom()));
                });
    }

    /** Brings the account's pending spam-block ends forward to {@code at}: the block is over sooner than written. */
    static void spamBlockOver(Connection connection, String account, Instant at) throws SQLException {
        Jdbc.update(connection, """
                update notification_outbox set deliver_from = ?, next_attempt_at = ?
                where kind = 'spam_block_ended' and account = ? and delivered_at is null and deliver_from > ?""",
                s -> {
                    s.setTimestamp(1, timestamp(at));
                    s.setTimestamp(2, timestamp(at));
                    s.setString(3, account);
                    s.setTimestamp(4, timestamp(at));
                });
    }

    @Override
    public void deliverDue(Instant now, int limit, Delivery delivery) {
        jdbc.transaction("deliver notifications", connection -> {
            List<Pending> due = Jdbc.query(connection, """
                    select id, event_key, kind, account, body, created_at, deliver_from, attempts, sinks_done
                    from notification_outbox where delivered_at is null and next_attempt_at <= ?
                    order by next_attempt_at, id limit ? for update skip locked""",
                    s -> {
                        s.setTimestamp(1, timestamp(now));
                        s.setInt(2, limit);
                    },
                    JdbcOutbox::pending);
            if (!due.isEmpty()) {
                for (Outcome outcome : delivery.deliver(due)) {
                    save(connection, outcome);
                }
            }
            return null;
        });
    }

    private static Pending pending(ResultSet row) throws SQLException {
        Notification n = new Notification(row.getString("event_key"), Notification.Kind.ofCode(row.getString("kind")),
                Optional.ofNullable(row.getString("account")), row.getString("body"),
                instant(row, "created_at").orElseThrow(), instant(row, "deliver_from").orElseThrow());
        return new Pending(row.getLong("id"), n, row.getInt("attempts"), Set.of((String[]) row.getArray("sinks_done").getArray()));
    }

    private static void save(Connection connection, Outcome outcome) throws SQLException {
        switch (outcome) {
            case Outcome.Delivered(long id, Instant at) -> Jdbc.update(connection,
                    "update notification_outbox set delivered_at = ?, last_error = null where id = ?",
                    s -> {
                        s.setTimestamp(1, timestamp(at));
                        s.setLong(2, id);
                    });
            case Outcome.Retry retry -> {
                Array sinks = connection.createArrayOf("text", retry.sinksDone().toArray());
                Jdbc.update(connection, """
                        update notification_outbox set sinks_done = ?, next_attempt_at = ?,
                            attempts = attempts + ?, last_error = coalesce(?, last_error) where id = ?""",
                        s -> {
                            s.setArray(1, sinks);
                            s.setTimestamp(2, timestamp(retry.retryAt()));
                            s.setInt(3, retry.failed() ? 1 : 0);
                            s.setString(4, retry.error().orElse(null));
                            s.setLong(5, retry.id());
                        });
            }
        }
    }

    @Override
    public Backlog backlog(Instant now) {
        return jdbc.queryOne("count the waiting notifications", """
                select count(*), min(deliver_from) from notification_outbox
                where delivered_at is null and deliver_from <= ?""",
                s -> s.setTimestamp(1, timestamp(now)),
                row -> new Backlog(row.getLong(1), instant(row, "min")))
                .orElse(Backlog.EMPTY);
    }

    /**
     * The review queue's undecided drafts (V7's {@code review_item} in state {@code waiting}), by account, since each
     * entered the queue. Not the journal's {@code awaiting_review} status: an approved draft keeps it until the gate lets
     * it go, and the operator has already decided that one.
     */
    @Override
    public List<WaitingDrafts> draftsWaitingSince(Instant before) {
        return jdbc.query("read the drafts waiting for review", """
                select account, count(*) as waiting, min(id) as oldest_id, min(created_at) as oldest_since from review_item
                where state = 'waiting' group by account having min(created_at) < ? order by account""",
                s -> s.setTimestamp(1, timestamp(before)),
                row -> new WaitingDrafts(row.getString("account"), row.getInt("waiting"), row.getLong("oldest_id"),
                        instant(row, "oldest_since").orElseThrow()));
    }

    @Override
    public int purgeDelivered(Instant before) {
        return jdbc.update("purge delivered notifications",
                "delete from notification_outbox where delivered_at < ?", s -> s.setTimestamp(1, timestamp(before)));
    }
}
