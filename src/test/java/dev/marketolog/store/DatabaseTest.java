package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Test
    void connectsWithTheUserGivenApartFromTheUrl() throws SQLException {
        String url = db.dsn().jdbcUrl();
        DatabaseDsn dsn = new DatabaseDsn(url.substring(0, url.indexOf('?')), "postgres", Secret.NONE);
        try (Database database = Database.connect(dsn)) {
            assertThat(column(database, "select current_user || ' ' || current_database()"))
                    .containsExactly("postgres " + url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')));
        }
    }

    @Test
    void theEnginesHotReadsHaveConnectionsThatPlanEachStatementOnceAndTheRestPlanForTheirValues() throws SQLException {
        assertThat(planCacheMode(db.database().plannedOnceReads())).isEqualTo("force_generic_plan");
        assertThat(planCacheMode(db.dataSource())).isEqualTo("auto");
    }

    private static String planCacheMode(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show plan_cache_mode")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void migrationsCreateEveryTableOfTheSchemaOnce() throws SQLException {
        try (Database again = Database.connect(db.dsn())) {
            assertThat(column(again, """
                    select table_name from information_schema.tables
                    where table_schema = 'public' and table_name <> 'flyway_schema_history' order by 1"""))
                    .containsExactly("account", "account_channel", "account_lease", "account_override", "account_state",
                            "audit_log", "comment", "comment_feedback", "instance", "instance_account", "notification_outbox",
                            "operator_command", "post_seen", "review_event", "review_item");
            // later issues add their own migrations (V2: the engine's); each must have run once, successfully
            assertThat(column(again, "select version || ' ' || success from flyway_schema_history order by installed_rank"))
                    .startsWith("1 true")
                    .doesNotHaveDuplicates()
                    .allMatch(row -> row.endsWith(" true"));
        }
    }

    @Test
    void journalAllowsOneLiveCommentPerPostButARetryAfterARelease() throws SQLException {
        update("insert into account (name, created_at) values ('one', now())");
        String comment = """
                insert into comment (account, channel_id, post_id, branch, status, created_at, updated_at)
                values ('one', -100, 7, 'instant', '%s', now(), now())""";
        update(comment.formatted("released"));
        update(comment.formatted("sent"));
        assertThatThrownBy(() -> update(comment.formatted("reserved")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("comment_one_per_post");
    }

    @Test
    void unreachableServerIsReportedWithItsAddressAndNoPassword() {
        DatabaseDsn dsn = new DatabaseDsn("jdbc:postgresql://127.0.0.1:1/nowhere?password=url-secret", "someone",
                Secret.of("field-secret"));
        assertThatThrownBy(() -> Database.connect(dsn))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("url-secret")
                .hasMessageNotContaining("field-secret");
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        DatabaseDsn dsn = new DatabaseDsn("jdbc:postgresql://no-such-host.invalid:5432/db", "someone", Secret.NONE);

        assertThatThrownBy(() -> Database.connect(dsn))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("unknown host no-such-host.invalid");
    }

    private static void update(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static List<String> column(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
