package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;
import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.FeedbackStore;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What our comments received, in comment_feedback (V11): the latest read of each, replacing the one before, with the
 * comment's channel and send time (a sent row counts at its send time) for the analytics.
 */
public final class JdbcFeedbackStore implements FeedbackStore {

    private final Jdbc jdbc;

    public JdbcFeedbackStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<SentComment> sentSince(String account, Instant since) {
        // along comment_account_counted: a sent row counts at its send time
        return jdbc.query("read the recent comments of " + account + " to read back", """
                select c.id, c.channel_id, c.post_id, c.discussion_chat_id, c.message_id, c.sent_at, f.asked_at
                from comment c left join comment_feedback f on f.comment_id = c.id
                where c.account = ? and c.counted_at >= ? and c.status = 'sent' and c.deleted_at is null
                    and c.message_id is not null""",
                s -> {
                    s.setString(1, account);
                    s.setTimestamp(2, timestamp(since));
                },
                row -> new SentComment(row.getLong("id"),
                        new OurComment(new PostKey(row.getLong("channel_id"), row.getLong("post_id")),
                                row.getLong("discussion_chat_id"), row.getLong("message_id")),
                        row.getTimestamp("sent_at").toInstant(), instant(row, "asked_at")));
    }

    @Override
    public void record(List<Long> asked, Map<Long, CommentFeedback> read, Instant at) {
        if (asked.isEmpty()) {
            return;
        }
        // one statement for the round: the rows asked for, with the counts of those that answered (null: not read)
        Integer[] reactions = asked.stream().map(id -> read.containsKey(id) ? read.get(id).reactions() : null).toArray(Integer[]::new);
        Integer[] replies = asked.stream().map(id -> read.containsKey(id) ? read.get(id).replies() : null).toArray(Integer[]::new);
        jdbc.update("record the feedback of " + asked.size() + " comment(s)", """
                insert into comment_feedback as f (comment_id, channel_id, sent_at, reactions, replies, read_at, reads, asked_at)
                select c.id, c.channel_id, c.counted_at, r.reactions, r.replies,
                       case when r.reactions is null then null else ?::timestamptz end, case when r.reactions is null then 0 else 1 end, ?
                from unnest(?::bigint[], ?::int[], ?::int[]) as r(id, reactions, replies) join comment c on c.id = r.id
                on conflict (comment_id) do update set
                    reactions = coalesce(excluded.reactions, f.reactions),
                    replies = coalesce(excluded.replies, f.replies),
                    read_at = coalesce(excluded.read_at, f.read_at),
                    reads = f.reads + excluded.reads,
                    asked_at = excluded.asked_at""",
                s -> {
                    s.setTimestamp(1, timestamp(at));
                    s.setTimestamp(2, timestamp(at));
                    s.setArray(3, s.getConnection().createArrayOf("bigint", asked.toArray()));
                    s.setArray(4, s.getConnection().createArrayOf("integer", reactions));
                    s.setArray(5, s.getConnection().createArrayOf("integer", replies));
                });
    }
}
