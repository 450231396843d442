package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.CommentsPerDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** Comments per account and day from the {@code comment} table: one range of comment_account_counted per account. */
public final class JdbcCommentsPerDay implements CommentsPerDay {

    static final String PER_DAY = "select account, (sent_at at time zone 'UTC')::date, count(*) from comment"
            + " where account = any(?) and counted_at >= ? and status = 'sent' group by 1, 2";

    private final Jdbc jdbc;

    public JdbcCommentsPerDay(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<DayCount> since(Collection<String> accounts, Instant from) {
        return jdbc.query("count the comments per day", PER_DAY,
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", accounts.toArray()));
                    statement.setTimestamp(2, timestamp(from));
                },
                row -> new DayCount(row.getString(1), row.getObject(2, LocalDate.class), row.getInt(3)));
    }
}
