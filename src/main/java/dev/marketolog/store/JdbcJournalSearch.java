package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;
import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalSearch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The journal's search in PostgreSQL: one statement per page, read along comment_journal_time, _account or _channel
 * (V6), or for a rare status or branch along its partial index of V12, from the cursor backwards, so a page costs the
 * same whatever the journal's size and whichever filters it has.
 */
public final class JdbcJournalSearch implements JournalSearch {

    /** Rows fetched per round trip while exporting, so an export of a million rows never sits in memory. */
    private static final int EXPORT_FETCH_SIZE = 1_000;
    private static final String COLUMNS = "id, counted_at, account, channel_id, post_id, branch, status, text,"
            + " message_link, error, discussion_chat_id, message_id, deleted_at";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public JdbcJournalSearch(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public JournalPage page(JournalQuery query) {
        Where where = Where.of(query.filter(), query.after());
        // one more row than asked tells whether there is a next page; one statement, so no BEGIN and COMMIT around it
        List<JournalRow> rows = jdbc.query("read a page of the journal", where.pageSql(), s -> {
            int next = where.bind(s);
            s.setInt(next, query.limit() + 1);
        }, JdbcJournalSearch::row);
        if (rows.size() <= query.limit()) {
            return new JournalPage(rows, Optional.empty());
        }
        List<JournalRow> page = rows.subList(0, query.limit());
        JournalRow last = page.getLast();
        return new JournalPage(page, Optional.of(new Cursor(last.at(), last.id())));
    }

    @Override
    public void export(Filter filter, Consumer<JournalRow> sink) {
        Where where = Where.of(filter, Optional.empty());
        jdbc.transaction("export the journal", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select " + COLUMNS + " from comment" + where.sql() + " order by counted_at desc, id desc")) {
                statement.setFetchSize(EXPORT_FETCH_SIZE);
                where.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(row(rows));
                    }
                }
            }
            return null;
        });
    }

    private static JournalRow row(ResultSet row) throws SQLException {
        return new JournalRow(
                row.getLong("id"),
                row.getTimestamp("counted_at").toInstant(),
                row.getString("account"),
                row.getLong("channel_id"),
                row.getLong("post_id"),
                Branch.valueOf(row.getString("branch").toUpperCase(Locale.ROOT)),
                CommentStatus.ofCode(row.getString("status")),
                Optional.ofNullable(row.getString("text")),
                Optional.ofNullable(row.getString("message_link")),
                Optional.ofNullable(row.getString("error")),
                Optional.ofNullable((Long) row.getObject("discussion_chat_id")),
                Optional.ofNullable((Long) row.getObject("message_id")),
                instant(row, "deleted_at"));
    }

    /** The where clause of a filter and a cursor, and its parameters in order. */
    record Where(String sql, List<Parameter> parameters) {

        @FunctionalInterface
        interface Parameter {
            void bind(PreparedStatement statement, int index) throws SQLException;
        }

        static Where of(Filter filter, Optional<Cursor> after) {
            List<String> conditions = new ArrayList<>();
            List<Parameter> parameters = new ArrayList<>();
            filter.account().ifPresent(account -> {
                conditions.add("account = ?");
                parameters.add((s, i) -> s.setString(i, account));
            });
            filter.channelId().ifPresent(channel -> {
                conditions.add("channel_id = ?");
                parameters.add((s, i) -> s.setLong(i, channel));
            });
            // Status and branch are written as literals (codes of enums, never what a client typed): a rare value is
            // read from its own partial index of V12, which the planner may use only when it sees the value.
            filter.status().ifPresent(status -> conditions.add("status = '" + status.code() + "'"));
            filter.branch().ifPresent(branch -> conditions.add("branch = '" + branch.code() + "'"));
            filter.from().ifPresent(from -> {
                conditions.add("counted_at >= ?");
                parameters.add((s, i) -> s.setTimestamp(i, timestamp(from)));
            });
            filter.to().ifPresent(to -> {
                conditions.add("counted_at < ?");
                parameters.add((s, i) -> s.setTimestamp(i, timestamp(to)));
            });
            after.ifPresent(cursor -> {
                // a row comparison: the index is read from the cursor on, ties on the time broken by the id
                conditions.add("(counted_at, id) < (?, ?)");
                parameters.add((s, i) -> s.setTimestamp(i, timestamp(cursor.at())));
                parameters.add((s, i) -> s.setLong(i, cursor.id()));
            });
            return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), List.copyOf(parameters));
        }

        /** A page's statement: newest first from the cursor on, the where clause's parameters, then the limit. */
        String pageSql() {
            return "select " + COLUMNS + " from comment" + sql + " order by counted_at desc, id desc limit ?";
        }

        /** Binds the parameters from index 1; answers the next free index. */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Parameter parameter : parameters) {
                parameter.bind(statement, index++);
            }
            return index;
        }
    }
}
