package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.SeenPostStore;
import dev.marketolog.telegram.Post;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The posts seen in post_seen (V11): a batch in one statement, a post already there left as it was. */
public final class JdbcSeenPostStore implements SeenPostStore {

    private final Jdbc jdbc;

    public JdbcSeenPostStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void add(List<Post> posts, Instant seenAt) {
        jdbc.update("record " + posts.size() + " post(s) seen", """
                insert into post_seen (channel_id, post_id, published_at, seen_at)
                select channel_id, post_id, published_at, ? from unnest(?::bigint[], ?::bigint[], ?::timestamptz[])
                    as p(channel_id, post_id, published_at)
                on conflict do nothing""",
                s -> {
                    s.setTimestamp(1, timestamp(seenAt));
                    s.setArray(2, s.getConnection().createArrayOf("bigint", posts.stream().map(Post::channelId).toArray()));
                    s.setArray(3, s.getConnection().createArrayOf("bigint", posts.stream().map(Post::messageId).toArray()));
                    s.setArray(4, s.getConnection().createArrayOf("timestamptz",
                            posts.stream().map(post -> Timestamp.from(post.publishedAt())).toArray()));
                });
    }
}
