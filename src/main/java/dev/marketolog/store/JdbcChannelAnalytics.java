package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.ChannelAnalytics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Channel analytics from the journal: two aggregate queries over the period, read along comment_journal_time (V6). */
public final class JdbcChannelAnalytics implements ChannelAnalytics {

    private static final String OURS = "status in ('sent', 'dry_run')";

    private final Jdbc jdbc;

    public JdbcChannelAnalytics(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    private record Day(long channelId, LocalDate day, int comments, int deleted) {}

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
        List<Last> last = jdbc.query("read each account's last comment per channel", """
                select channel_id, account, max(counted_at) as at
                from comment where counted_at >= ? and\s""" + OURS + """
                 group by 1, 2""",
                s -> s.setTimestamp(1, timestamp(since)),
                row -> new Last(row.getLong("channel_id"), row.getString("account"), row.getTimestamp("at").toInstant()));
        Map<Long, List<Day>> daysByChannel = new LinkedHashMap<>();
        days.forEach(day -> daysByChannel.computeIfAbsent(day.channelId(), c -> new ArrayList<>()).add(day));
        // grouped once: a fleet of a thousand accounts has tens of thousands of (channel, account) pairs
        Map<Long, List<Last>> lastByChannel = new HashMap<>();
        last.forEach(l -> lastByChannel.computeIfAbsent(l.channelId(), c -> new ArrayList<>()).add(l));
        List<ChannelActivity> channels = new ArrayList<>();
        daysByChannel.forEach((channel, perDay) -> channels.add(new ChannelActivity(channel,
                perDay.stream().map(d -> new DayCount(d.day(), d.comments())).toList(),
                perDay.stream().mapToInt(Day::deleted).sum(),
                lastByChannel.getOrDefault(channel, List.of()).stream()
                        .sorted(Comparator.comparing(Last::at).reversed())
                        .map(l -> new LastComment(l.account(), l.at())).toList())));
        return channels;
    }
}
