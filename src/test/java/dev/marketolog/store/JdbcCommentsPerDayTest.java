package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.CommentsPerDay.DayCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcCommentsPerDayTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private final JdbcCommentsPerDay perDay = new JdbcCommentsPerDay(db.dataSource());
    private long post;

    @BeforeEach
    void emptyTables() {
        EngineTables.reset(db.dataSource());
    }

    @Test
    void countsSentCommentsPerAccountAndUtcDayFromTheGivenTime() throws SQLException {
        comment("a", "sent", "2026-12-01T23:59:00Z");
        comment("a", "sent", "2026-12-02T00:01:00Z");
        comment("a", "sent", "2026-12-02T10:00:00Z");
        comment("b", "sent", "2026-12-02T11:00:00Z");
        comment("a", "sent", "2026-11-20T10:00:00Z"); // before the range
        comment("a", "failed", "2026-12-02T12:00:00Z"); // not a comment anyone saw
        comment("a", "dry_run", "2026-12-02T12:00:00Z");
        comment("c", "sent", "2026-12-02T12:00:00Z"); // not asked for

        List<DayCount> counts = perDay.since(List.of("a", "b"), Instant.parse("2026-11-25T00:00:00Z"));

        assertThat(counts).containsExactlyInAnyOrder(
                new DayCount("a", LocalDate.parse("2026-12-01"), 1),
                new DayCount("a", LocalDate.parse("2026-12-02"), 2),
                new DayCount("b", LocalDate.parse("2026-12-02"), 1));
    }

    private void comment(String account, String status, String at) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into comment (account, channel_id, post_id,"
                        + " branch, status, created_at, sent_at, updated_at) values (?, -100, ?, 'scheduler', ?, ?, ?, ?)")) {
            Instant instant = Instant.parse(at);
            insert.setString(1, account);
            insert.setLong(2, ++post);
            insert.setString(3, status);
            insert.setTimestamp(4, Jdbc.timestamp(instant));
            insert.setTimestamp(5, status.equals("sent") ? Jdbc.timestamp(instant) : null);
            insert.setTimestamp(6, Jdbc.timestamp(instant));
            insert.executeUpdate();
        }
    }
}
