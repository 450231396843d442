package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.ChannelAnalytics.ChannelActivity;
import dev.marketolog.engine.ChannelAnalytics.DayCount;
import dev.marketolog.engine.ChannelAnalytics.Feedback;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.Post;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcChannelAnalyticsTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final long NEWS = -1001L;
    private static final long QUIET = -1002L;
    private static final Instant SINCE = Instant.parse("2026-11-25T00:00:00Z");

    private final JdbcChannelAnalytics analytics = new JdbcChannelAnalytics(db.dataSource());
    private final JdbcSeenPostStore seen = new JdbcSeenPostStore(db.dataSource());
    private final JdbcFeedbackStore feedback = new JdbcFeedbackStore(db.dataSource());
    private long post;

    @BeforeEach
    void emptyTables() {
        EngineTables.reset(db.dataSource());
    }

    private static Post post(long channel, long id, String publishedAt) {
        return new Post(channel, id, Instant.parse(publishedAt), "text");
    }

    @Test
    void aPostTwoAccountsSawCountsOnceOnTheDayItWasPublished() {
        Post monday = post(NEWS, 10, "2026-11-30T23:30:00Z");
        Post tuesday = post(NEWS, 11, "2026-12-01T08:00:00Z");
        // one account sees both posts on Tuesday, the other sees Monday's again on Wednesday
        seen.add(List.of(monday, tuesday), Instant.parse("2026-12-01T09:00:00Z"));
        seen.add(List.of(monday), Instant.parse("2026-12-02T09:00:00Z"));
        seen.add(List.of(post(QUIET, 5, "2026-12-01T10:00:00Z"), post(QUIET, 4, "2026-11-20T10:00:00Z")),
                Instant.parse("2026-12-01T11:00:00Z"));

        List<ChannelActivity> channels = analytics.since(SINCE);

        // by channel id
        assertThat(channels).extracting(ChannelActivity::channelId).containsExactly(QUIET, NEWS);
        assertThat(channels.get(1).postsSeenPerDay()).containsExactly(
                new DayCount(LocalDate.parse("2026-11-30"), 1), new DayCount(LocalDate.parse("2026-12-01"), 1));
        // the post published before the period is left out; a channel with no comment of ours is listed for its posts
        assertThat(channels.get(0).postsSeenPerDay()).containsExactly(new DayCount(LocalDate.parse("2026-12-01"), 1));
        assertThat(channels.get(0).commentsPerDay()).isEmpty();
        assertThat(channels.get(0).feedback()).isEqualTo(Feedback.NONE);
    }

    @Test
    void reactionsAndRepliesAreTheLatestReadsOfOurCommentsInThePeriodSummed() throws SQLException {
        long read = comment("a", "sent", "2026-12-01T10:00:00Z");
        long readTwice = comment("b", "sent", "2026-12-01T11:00:00Z");
        long unreadable = comment("a", "sent", "2026-12-02T10:00:00Z");
        comment("a", "sent", "2026-12-02T11:00:00Z"); // not read yet
        long before = comment("a", "sent", "2026-11-20T10:00:00Z");
        Instant at = Instant.parse("2026-12-03T00:00:00Z");
        feedback.record(List.of(read, readTwice, unreadable, before),
                Map.of(read, new CommentFeedback(3, 1), readTwice, new CommentFeedback(1, 0), before, new CommentFeedback(50, 50)), at);
        feedback.record(List.of(readTwice), Map.of(readTwice, new CommentFeedback(4, 2)), at.plusSeconds(3600));

        ChannelActivity news = analytics.since(SINCE).getFirst();

        assertThat(news.comments()).isEqualTo(4);
        assertThat(news.feedback()).isEqualTo(new Feedback(2, 7, 3));
        assertThat(news.postsSeenPerDay()).isEmpty();
    }

    private long comment(String account, String status, String at) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into comment (account, channel_id, post_id, discussion_chat_id, message_id, branch, status,
                            created_at, sent_at, updated_at)
                        values (?, ?, ?, -2001, ?, 'scheduler', ?, ?, ?, ?) returning id""")) {
            Instant instant = Instant.parse(at);
            insert.setString(1, account);
            insert.setLong(2, NEWS);
            insert.setLong(3, ++post);
            insert.setLong(4, 100 + post);
            insert.setString(5, status);
            insert.setTimestamp(6, Jdbc.timestamp(instant));
            insert.setTimestamp(7, Jdbc.timestamp(instant));
            insert.setTimestamp(8, Jdbc.timestamp(instant));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
