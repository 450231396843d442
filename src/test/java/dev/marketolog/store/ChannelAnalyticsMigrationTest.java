package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.telegram.CommentFeedback;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** V11 adds the channel analytics' tables to a journal that has rows: the rows stay, and their feedback can be kept. */
class ChannelAnalyticsMigrationTest {

    @Test
    void v11KeepsTheJournalAndItsCommentsTakeFeedback() throws SQLException {
        DatabaseDsn dsn = TestDatabase.createEmpty();
        try {
            PGSimpleDataSource plain = new PGSimpleDataSource();
            plain.setURL(dsn.jdbcUrl());
            Flyway.configure().dataSource(plain).locations("classpath:db/migration").target("10").load().migrate();
            execute(plain, """
                    insert into account (name, created_at) values ('anna', '2026-12-01T08:00:00Z');
                    insert into comment (account, channel_id, post_id, discussion_chat_id, message_id, text, branch, status,
                        created_at, sent_at, updated_at)
                    values ('anna', -1001, 7, -2001, 70, 'kept', 'scheduler', 'sent', '2026-12-01T09:00:00Z',
                        '2026-12-01T09:00:05Z', '2026-12-01T09:00:05Z')""");

            try (Database database = Database.connect(dsn)) {
                assertThat(single(database, "select success from flyway_schema_history where version = '11'")).isEqualTo("t");
                assertThat(single(database, "select account || ' ' || text || ' ' || (counted_at = timestamptz '2026-12-01T09:00:05Z') from comment"))
                        .isEqualTo("anna kept true");
                long id = Long.parseLong(single(database, "select id from comment"));
                new JdbcFeedbackStore(database.dataSource()).record(List.of(id), Map.of(id, new CommentFeedback(2, 1)),
                        Instant.parse("2026-12-01T10:00:00Z"));
                assertThat(single(database, "select reactions || '/' || replies from comment_feedback")).isEqualTo("2/1");
                assertThat(single(database, "select count(*) from post_seen")).isEqualTo("0");
            }
        } finally {
            TestDatabase.dropEmpty(dsn);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
