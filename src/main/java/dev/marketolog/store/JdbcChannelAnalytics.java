package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.ChannelAnalytics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Channel analytics from the journal, the comments' feedback and the posts seen: four aggregate queries over the period,
 * the journal's read along comment_journal_time (V6), the feedback's along comment_feedback_sent and the posts' along
 * post_seen_published (V11).
 */
public final class JdbcChannelAnalytics implements ChannelAnalytics {

    private static final String OURS = "status in ('sent', 'dry_run')";

    private final Jdbc jdbc;

    public JdbcChannelAnalytics(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    private record Day(long channelId, LocalDate day, int comments, int deleted) {}

    private record ChannelFeedback(long channelId, Feedback feedback) {}

    private record Posts(long channelId, LocalDate day, int posts) {}

    private record Last(long channelId, String account, Instant at) {}

    @Override
    public List<ChannelActivity> since(Instant since) {
        List<Day> days = jdbc.query("count our comments per channel and day", """
                select channel_id, (counted_at at time zone 'UTC')::date as day, count(*) as comments,
                       count(*) filter (where deleted_at is not null) as deleted
                from comment where counted_at >= ? and\s""" + OURS + """
                 group by 1, 2 order by 1, 2""",
                s -> s.setTimestamp(1, timestamp(since)),
                row -> new Day(row.getLong("channel_id"), row.getObject("day", LocalDate.class), row.getInt("comments"),
                        row.getInt("deleted")));
        // only sent comments are read back, and a sent one counts at its send time: the same comments as above
        Map<Long, Feedback> feedback = new HashMap<>();
        jdbc.query("sum the feedback on our comments per channel", """
                select channel_id, count(read_at) as read, coalesce(sum(reactions), 0) as reactions, coalesce(sum(replies), 0) as replies
                from comment_feedback where sent_at >= ? group by 1""",
                s -> s.setTimestamp(1, timestamp(since)),
                row -> new ChannelFeedback(row.getLong("channel_id"),
                        new Feedback(row.getInt("read"), row.getInt("reactions"), row.getInt("replies"))))
                .forEach(channel -> feedback.put(channel.channelId(), channel.feedback()));
        List<Posts> posts = jdbc.query("count the posts seen per channel and day", """
                select channel_id, (published_at at time zone 'UTC')::date as day, count(*) as posts
                from post_seen where published_at >= ? group by 1, 2 order by 1, 2""",
                s -> s.setTimestamp(1, timestamp(since)),
                row -> new Posts(row.getLong("channel_id"), row.getObject("day", LocalDate.class), row.getInt("posts")));
        List<Last> last = jdbc.query("read each account's last comment per channel", """
                select channel_id, account, max(counted_at) as at
                from comment where counted_at >= ? and\s""" + OURS + """
                 group by 1, 2""",
                s -> s.setTimestamp(1, timestamp(since)),
                row -> new Last(row.getLong("channel_id"), row.getString("account"), row.getTimestamp("at").toInstant()));
        // grouped once: a fleet of a thousand accounts has tens of thousands of (channel, account) pairs
        Map<Long, List<Day>> daysByChannel = new HashMap<>();
        days.forEach(day -> daysByChannel.computeIfAbsent(day.channelId(), c -> new ArrayList<>()).add(day));
        Map<Long, List<Posts>> postsByChannel = new HashMap<>();
        posts.forEach(p -> postsByChannel.computeIfAbsent(p.channelId(), c -> new ArrayList<>()).add(p));
        Map<Long, List<Last>> lastByChannel = new HashMap<>();
        last.forEach(l -> lastByChannel.computeIfAbsent(l.channelId(), c -> new ArrayList<>()).add(l));
        TreeSet<Long> channelIds = new TreeSet<>(daysByChannel.keySet());
        channelIds.addAll(postsByChannel.keySet());
        List<ChannelActivity> channels = new ArrayList<>();
        for (long channel : channelIds) {
            List<Day> perDay = daysByChannel.getOrDefault(channel, List.of());
            channels.add(new ChannelActivity(channel,
                    postsByChannel.getOrDefault(channel, List.of()).stream().map(p -> new DayCount(p.day(), p.posts())).toList(),
                    perDay.stream().map(d -> new DayCount(d.day(), d.comments())).toList(),
                    perDay.stream().mapToInt(Day::deleted).sum(),
                    feedback.getOrDefault(channel, Feedback.NONE),
                    lastByChannel.getOrDefault(channel, List.of()).stream()
                            .sorted(Comparator.comparing(Last::at).reversed())
                            .map(l -> new LastComment(l.account(), l.at())).toList()));
        }
        return channels;
    }
}
