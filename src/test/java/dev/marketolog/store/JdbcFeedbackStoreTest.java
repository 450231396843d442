package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.FeedbackStore.SentComment;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.PostKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcFeedbackStoreTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant SINCE = Instant.parse("2026-11-26T12:00:00Z");

    private final JdbcFeedbackStore store = new JdbcFeedbackStore(db.dataSource());
    private long post;

    @BeforeEach
    void emptyTables() {
        EngineTables.reset(db.dataSource());
    }

    @Test
    void theCommentsToReadBackAreTheAccountsSentOnesOfThePeriodNotDeleted() throws SQLException {
        long sent = comment("a", "sent", "2026-12-03T10:00:00Z");
        comment("a", "dry_run", "2026-12-03T10:00:00Z"); // never in Telegram
        comment("a", "failed", "2026-12-03T10:00:00Z");
        comment("a", "sent", "2026-11-20T10:00:00Z"); // before the period
        comment("b", "sent", "2026-12-03T10:00:00Z"); // another account's
        long deleted = comment("a", "sent", "2026-12-03T11:00:00Z");
        db.run("update comment set deleted_at = '2026-12-03T11:30:00Z' where id = " + deleted);
        store.record(List.of(sent), Map.of(), NOW.minusSeconds(60));

        List<SentComment> comments = store.sentSince("a", SINCE);

        assertThat(comments).containsExactly(new SentComment(sent, new OurComment(new PostKey(-1001, 1), -2001, 101),
                Instant.parse("2026-12-03T10:00:00Z"), Optional.of(NOW.minusSeconds(60))));
    }

    @Test
    void aReadReplacesTheCountsAndAnUnansweredAskKeepsThemAndOnlyMovesTheAskedTime() throws SQLException {
        long id = comment("a", "sent", "2026-12-03T10:00:00Z");

        store.record(List.of(id), Map.of(), NOW);
        assertThat(row(id)).isEqualTo("null/null read null reads 0 asked " + NOW);

        store.record(List.of(id), Map.of(id, new CommentFeedback(3, 1)), NOW.plusSeconds(60));
        store.record(List.of(id), Map.of(id, new CommentFeedback(5, 2)), NOW.plusSeconds(120));
        store.record(List.of(id), Map.of(), NOW.plusSeconds(180));

        assertThat(row(id)).isEqualTo("5/2 read " + NOW.plusSeconds(120) + " reads 2 asked " + NOW.plusSeconds(180));
    }

    @Test
    void aCommentsFeedbackGoesWithIt() throws SQLException {
        long id = comment("a", "sent", "2026-12-03T10:00:00Z");
        store.record(List.of(id), Map.of(id, new CommentFeedback(1, 1)), NOW);

        db.run("delete from comment where id = " + id);

        assertThat(db.column("select count(*) from comment_feedback")).containsExactly("0");
    }

    private String row(long id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select reactions, replies, read_at, reads, asked_at from comment_feedback where comment_id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getObject("reactions") + "/" + rows.getObject("replies") + " read "
                        + Jdbc.instant(rows, "read_at").map(Instant::toString).orElse("null") + " reads " + rows.getInt("reads")
                        + " asked " + rows.getTimestamp("asked_at").toInstant();
            }
        }
    }

    private long comment(String account, String status, String at) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into comment (account, channel_id, post_id, discussion_chat_id, message_id, branch, status,
                            created_at, sent_at, updated_at)
                        values (?, -1001, ?, -2001, ?, 'scheduler', ?, ?, ?, ?) returning id""")) {
            Instant instant = Instant.parse(at);
            boolean sent = status.equals("sent");
            insert.setString(1, account);
            insert.setLong(2, ++post);
            insert.setObject(3, sent ? 100 + post : null);
            insert.setString(4, status);
            insert.setTimestamp(5, Jdbc.timestamp(instant));
            insert.setTimestamp(6, sent ? Jdbc.timestamp(instant) : null);
            insert.setTimestamp(7, Jdbc.timestamp(instant));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }


}
