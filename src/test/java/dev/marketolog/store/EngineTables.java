package dev.marketolog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Empties the engine's tables (and the posts seen) of a test database between tests and adds the contracts' accounts {@code a}, {@code b}, {@code c}. */
final class EngineTables {

    private EngineTables() {}

    static void reset(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate comment, account_lease, account_state, account_channel, account, post_seen cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
        AccountRepository repository = new AccountRepository(dataSource, InstantSource.fixed(Instant.EPOCH));
        List.of("a", "b", "c").forEach(repository::upsert);
    }
}
