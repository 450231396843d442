package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On a year of journal, the gate's reads go through their indexes instead of scanning an account's or a channel's history,
 * and so do the console's journal pages filtered by a status or branch that never happened (all rows here are sent by
 * the scheduler).
 */
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
            // vacuumed, as autovacuum keeps a real journal: the visibility map lets the planner read an index alone
            statement.execute("vacuum analyze comment");
        }
    }

    @ParameterizedTest
    @EnumSource(Planning.class)
    void historyReadsTheAccountsRowsSinceTheTimeFromItsIndex(Planning planning) throws SQLException {
        String plan = explain(planning, JdbcJournal.HISTORY, s -> {
            s.setString(1, "acc1");
            s.setTimestamp(2, Timestamp.from(NOW.minusSeconds(86_400)));
        });

        // V4's index of the account's rows, V6's of the rows that count (the same condition as history's), or V6's of the
        // console's pages of an account (account, counted_at, id): each reads the account's rows from the time on
        assertThat(plan).containsPattern("comment_(account_count(ed|ing)|journal_account) ").containsPattern("Index Cond: .*counted_at >=")
                .doesNotContain("Seq Scan");
        // planned once, for any account and time
        assertThat(plan.contains("account = $1")).isEqualTo(planning == Planning.GENERIC);
    }

    @ParameterizedTest
    @EnumSource(Planning.class)
    void theNewestRowsOfEveryChannelAreOneStatementThatStopsAtEachChannelsNewestRowsInItsIndex(Planning planning) throws SQLException {
        String plan = explain(planning, JdbcJournal.NEWEST_IN_CHANNELS,
                s -> s.setArray(1, s.getConnection().createArrayOf("bigint", new Long[] {-1001L, -1003L, -1005L, -1007L})));

        // both laterals, the newest row and the runner-up of another account, read the index backwards alone
        assertThat(plan).contains("Nested Loop Left Join", "Function Scan on unnest")
                .doesNotContain("Sort", "Seq Scan", "Bitmap");
        assertThat(plan.lines().filter(line -> line.startsWith("->  Limit"))).hasSize(2);
        assertThat(plan.lines().filter(line -> line.contains("Index Only Scan using comment_channel_others"))).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Planning.class)
    void recentTextsReadTheNewestTextsFromTheirIndex(Planning planning) throws SQLException {
        String plan = explain(planning, JdbcJournal.RECENT_TEXTS, s -> {
            s.setString(1, "acc1");
            s.setInt(2, 20);
        });

        assertThat(plan).startsWith("Limit").contains("comment_account_texts").doesNotContain("Sort");
    }

    @ParameterizedTest
    @EnumSource(Planning.class)
    void theAccountsUnderAPostAreFoundByThePost(Planning planning) throws SQLException {
        String plan = explain(planning, JdbcJournal.ACCOUNTS_UNDER, s -> {
            s.setLong(1, -1003);
            s.setLong(2, 12_001);
        });

        assertThat(plan).contains("comment_post").doesNotContain("Seq Scan");
    }

    @Test
    void aJournalPageOfAStatusThatNeverHappenedReadsItsOwnIndexInsteadOfTheWholeJournal() throws SQLException {
        String plan = explain(page(Optional.empty(), Optional.of(CommentStatus.UNKNOWN), Optional.empty()), s -> s.setInt(1, 51));

        assertThat(plan).startsWith("Limit").contains("comment_journal_status").doesNotContain("Sort", "Seq Scan");
    }

    @Test
    void aJournalPageOfAChannelsFailuresReadsThemAloneInsteadOfTheChannelsHistory() throws SQLException {
        String plan = explain(page(Optional.of(-1003L), Optional.of(CommentStatus.FAILED), Optional.empty()), s -> {
            s.setLong(1, -1003);
            s.setInt(2, 51);
        });

        // with no failure at all both indexes of failures are empty and either may be read; never the channel's rows
        assertThat(plan).startsWith("Limit").containsPattern("comment_journal_(channel_)?status")
                .doesNotContain("comment_journal_channel ", "Sort", "Seq Scan", "Bitmap");
    }

    @Test
    void aJournalPageOfTheInstantBranchThatNeverRanReadsItsOwnIndex() throws SQLException {
        String plan = explain(page(Optional.empty(), Optional.empty(), Optional.of(Branch.INSTANT)), s -> s.setInt(1, 51));

        assertThat(plan).startsWith("Limit").contains("comment_journal_instant").doesNotContain("Sort", "Seq Scan");
    }

    private static String page(Optional<Long> channel, Optional<CommentStatus> status, Optional<Branch> branch) {
        return JdbcJournalSearch.Where.of(new JournalSearch.Filter(Optional.empty(), channel, status, branch, Optional.empty(),
                Optional.empty()), Optional.empty()).pageSql();
    }

    /** How PostgreSQL plans a tick's read: for its parameters at each call, or once for all (serve's planned-once pool). */
    enum Planning {
        CUSTOM, GENERIC
    }

    private static String explain(String sql, Jdbc.Binder binder) throws SQLException {
        return explain(Planning.CUSTOM, sql, binder);
    }

    /**
     * The plan of {@code sql} with the parameters {@code binder} sets; a generic one is the plan cache's of a statement
     * prepared on the planned-once pool, where EXPLAIN EXECUTE shows it ({@code $1} and on in place of the values).
     */
    private static String explain(Planning planning, String sql, Jdbc.Binder binder) throws SQLException {
        if (planning == Planning.CUSTOM) {
            try (Connection connection = db.dataSource().getConnection()) {
                return plan(connection, "explain " + sql, binder);
            }
        }
        try (Connection connection = db.database().plannedOnceReads().getConnection(); Statement statement = connection.createStatement()) {
            int parameters = 0;
            StringBuilder numbered = new StringBuilder();
            for (char c : sql.toCharArray()) {
                numbered.append(c == '?' ? "$" + ++parameters : String.valueOf(c));
            }
            statement.execute("prepare tick_read as " + numbered);
            try {
                // EXECUTE takes no parameters of its own under EXPLAIN: the values go in as literals
                String plan = plan(connection, "explain execute tick_read(" + String.join(", ", literals(connection, parameters, binder)) + ")",
                        s -> {});
                return plan;
            } finally {
                statement.execute("deallocate tick_read");
            }
        }
    }

    /** The values {@code binder} sets, as SQL literals in parameter order. */
    private static List<String> literals(Connection connection, int parameters, Jdbc.Binder binder) throws SQLException {
        String[] literals = new String[parameters];
        binder.bind((PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    case "setString", "setTimestamp", "setArray" -> {
                        literals[(int) args[0] - 1] = "'" + (args[1] instanceof Timestamp t ? t.toInstant() : args[1]) + "'";
                        yield null;
                    }
                    case "setInt", "setLong" -> {
                        literals[(int) args[0] - 1] = args[1].toString();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
        return List.of(literals);
    }

    private static String plan(Connection connection, String explain, Jdbc.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(explain)) {
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
