package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a year of journal, the gate's reads go through their indexes instead of scanning an account's or a channel's history. */
class JournalQueryPlanTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @BeforeAll
    static void fillAYearOfJournal() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into account (name, created_at) select 'acc' || n, now() from generate_series(1, 100) n");
            // 100 accounts x 365 days, one comment a day each over 10 channels: 36,500 rows
            statement.execute("""
                    insert into comment (account, channel_id, post_id, branch, status, text, created_at, sent_at, updated_at)
                    select 'acc' || a, -1000 - (a + d) % 10, d * 1000 + a, 'scheduler', 'sent', 'text ' || d,
                           timestamptz '2026-12-01 08:00Z' - make_interval(days => d, mins => a),
                           timestamptz '2026-12-01 08:00Z' - make_interval(days => d, mins => a) + interval '5 seconds',
                           timestamptz '2026-12-01 08:00Z'
                    from generate_series(1, 100) a, generate_series(0, 364) d""");
            statement.execute("analyze comment");
        }
    }

    @Test
    void historyReadsTheAccountsRowsSinceTheTimeFromItsIndex() throws SQLException {
        String plan = explain(JdbcJournal.HISTORY, s -> {
            s.setString(1, "acc1");
            s.setTimestamp(2, Timestamp.from(NOW.minusSeconds(86_400)));
        });

        // V4's index of the account's rows, or V6's of the rows that count (the same condition as history's)
        assertThat(plan).containsPattern("comment_account_count(ed|ing)").containsPattern("Index Cond: .*counted_at >=")
                .doesNotContain("Seq Scan");
    }

    @Test
    void theOthersLastCommentInAChannelStopsAtTheNewestRow() throws SQLException {
        String plan = explain(JdbcJournal.LAST_BY_OTHERS, s -> {
            s.setLong(1, -1003);
            s.setString(2, "acc1");
        });

        assertThat(plan).startsWith("Limit").contains("Index Scan using comment_channel_live_counted").doesNotContain("Sort");
    }

    @Test
    void recentTextsReadTheNewestTextsFromTheirIndex() throws SQLException {
        String plan = explain(JdbcJournal.RECENT_TEXTS, s -> {
            s.setString(1, "acc1");
            s.setInt(2, 20);
        });

        assertThat(plan).startsWith("Limit").contains("comment_account_texts").doesNotContain("Sort");
    }

    @Test
    void theOthersUnderAPostAreFoundByThePost() throws SQLException {
        String plan = explain(JdbcJournal.OTHERS_UNDER, s -> {
            s.setLong(1, -1003);
            s.setLong(2, 12_001);
            s.setString(3, "acc1");
        });

        assertThat(plan).contains("comment_post").doesNotContain("Seq Scan");
    }

    private static String explain(String sql, Jdbc.Binder binder) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("explain " + sql)) {
            binder.bind(statement);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1).strip()).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
