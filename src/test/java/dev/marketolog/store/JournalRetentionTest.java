package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalRetentionTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final JournalRetention retention = new JournalRetention(db.dataSource(), Duration.ofDays(365));

    @BeforeEach
    void emptyJournal() {
        EngineTables.reset(db.dataSource());
    }

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() throws SQLException {
        // 2,500 sent rows from 400 to 366 days ago: three batches; one row a day of the last year stays
        db.run("""
                insert into comment (account, channel_id, post_id, branch, status, created_at, sent_at, updated_at)
                select 'a', -1001, n, 'scheduler', 'sent', timestamptz '2026-12-01 08:00Z' - interval '400 days' + n * interval '20 minutes',
                       timestamptz '2026-12-01 08:00Z' - interval '400 days' + n * interval '20 minutes', timestamptz '2026-12-01 08:00Z'
                from generate_series(1, 2500) n;
                insert into comment (account, channel_id, post_id, branch, status, created_at, sent_at, updated_at)
                select 'b', -1002, n, 'scheduler', 'sent', timestamptz '2026-12-01 08:00Z' - n * interval '1 day',
                       timestamptz '2026-12-01 08:00Z' - n * interval '1 day', timestamptz '2026-12-01 08:00Z'
                from generate_series(0, 364) n""");

        assertThat(retention.purge(NOW)).isEqualTo(2_500);
        assertThat(count("account = 'a'")).isZero();
        assertThat(count("account = 'b'")).isEqualTo(365);
    }

    @Test
    void aRowCountsFromWhenItWasSentNotWhenItWasReserved() throws SQLException {
        insert("a", 1, "'sent'", "interval '366 days'", "interval '364 days'", "null");

        assertThat(retention.purge(NOW)).isZero();
    }

    @Test
    void rowsInFlightAndCommentsDeletedWithinTheRetentionAreKept() throws SQLException {
        insert("a", 1, "'reserved'", "interval '500 days'", "null", "null");
        insert("a", 2, "'sending'", "interval '500 days'", "null", "null");
        insert("a", 3, "'sent'", "interval '500 days'", "interval '500 days'", "interval '2 days'");
        insert("a", 4, "'sent'", "interval '500 days'", "interval '500 days'", "interval '400 days'");
        insert("a", 5, "'released'", "interval '500 days'", "null", "null");

        assertThat(retention.purge(NOW)).isEqualTo(2);
        assertThat(posts()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void postsSeenPublishedBeforeTheRetentionAreDeletedInBatches() throws SQLException {
        db.run("""
                insert into post_seen (channel_id, post_id, published_at, seen_at)
                select -1001, n, timestamptz '2026-12-01 08:00Z' - interval '366 days' - n * interval '1 minute', timestamptz '2026-12-01 08:00Z'
                from generate_series(1, 1500) n;
                insert into post_seen (channel_id, post_id, published_at, seen_at)
                values (-1001, 9999, timestamptz '2026-12-01 08:00Z' - interval '364 days', timestamptz '2026-12-01 08:00Z')""");

        assertThat(retention.purge(NOW)).isEqualTo(1_500);
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select post_id from post_seen")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(9999);
            assertThat(rows.next()).isFalse();
        }
    }

    private static void insert(String account, long post, String status, String createdAgo, String sentAgo, String deletedAgo)
            throws SQLException {
        db.run("insert into comment (account, channel_id, post_id, branch, status, created_at, sent_at, deleted_at, updated_at)"
                + " values ('" + account + "', -1001, " + post + ", 'scheduler', " + status + ", " + ago(createdAgo)
                + ", " + ago(sentAgo) + ", " + ago(deletedAgo) + ", " + ago("interval '0 days'") + ")");
    }

    private static String ago(String interval) {
        return interval.equals("null") ? "null" : "timestamptz '2026-12-01 08:00Z' - " + interval;
    }

    private static int count(String where) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from comment where " + where)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<Long> posts() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select post_id from comment order by post_id")) {
            List<Long> posts = new ArrayList<>();
            while (rows.next()) {
                posts.add(rows.getLong(1));
            }
            return posts;
        }
    }
}
