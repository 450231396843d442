package dev.marketolog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Empties the engine's tables of a test database between tests and adds the accounts a test needs. */
final class EngineTables {

    private EngineTables() {}

    static void reset(DataSource dataSource, List<String> accounts) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate comment, account_lease, account_state, account_channel, account cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
        AccountRepository repository = new AccountRepository(dataSource, InstantSource.fixed(Instant.EPOCH));
        accounts.forEach(repository::upsert);
    }
}
