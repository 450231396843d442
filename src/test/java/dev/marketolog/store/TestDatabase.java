package dev.marketolog.store;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A fresh, migrated PostgreSQL database of its own for one test class. Use it as
 * {@code @AutoClose static final TestDatabase db = TestDatabase.create();} and hand {@code db.dataSource()} (a pool
 * already migrated by {@link Database}) to the code under test; {@code db.dsn()} reaches the same database for tests
 * that open their own {@link Database}. When TEST_POSTGRES_URL is set (CI exports
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) the database is created on that server as
 * {@code t_<random>}; otherwise one embedded PostgreSQL is started per JVM in a temporary directory and databases are
 * created in it. {@link #close()} closes the pool and drops the database, so parallel test runs never see each other.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final Database database;
    private final boolean kept;

    private TestDatabase(String name, Database database, boolean kept) {
        this.name = name;
        this.database = database;
        this.kept = kept;
    }

    public static TestDatabase create() {
        String name = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("create database " + name);
        return new TestDatabase(name, Database.connect(new DatabaseDsn(Server.url(name), null, Secret.NONE)), false);
    }

    /**
     * The database {@code name}, created when missing and migrated, that {@link #close()} keeps: for benchmarks whose
     * data takes minutes to fill and is reused by the next run (drop it by hand when done).
     */
    public static TestDatabase kept(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a kept database's name is lower-case letters, digits and _: " + name);
        }
        if (!exists(name)) {
            execute("create database " + name);
        }
        return new TestDatabase(name, Database.connect(new DatabaseDsn(Server.url(name), null, Secret.NONE)), true);
    }

    /** A database of its own that nothing has migrated: for tests that must see no schema created. Drop it with {@link #dropEmpty}. */
    public static DatabaseDsn createEmpty() {
        String name = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("create database " + name);
        return new DatabaseDsn(Server.url(name), null, Secret.NONE);
    }

    /** Drops a database made by {@link #createEmpty}. */
    public static void dropEmpty(DatabaseDsn dsn) {
        String url = dsn.jdbcUrl();
        int query = url.indexOf('?');
        String name = url.substring(url.lastIndexOf('/') + 1, query < 0 ? url.length() : query);
        execute("drop database if exists " + name + " with (force)");
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Connection parts of this test's database (no password: the test servers trust local connections). */
    public DatabaseDsn dsn() {
        return new DatabaseDsn(Server.url(name), null, Secret.NONE);
    }

    public Database database() {
        return database;
    }

    /** Runs {@code sql} (one or more statements) on this database, as a test's setup or its tampering. */
    public void run(String sql) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test's SQL failed: " + sql, e);
        }
    }

    /** The first column of every row {@code query} answers, as text. */
    public List<String> column(String query) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("the test's query failed: " + query, e);
        }
    }

    @Override
    public void close() {
        database.close();
        if (!kept) {
            execute("drop database if exists " + name + " with (force)");
        }
    }

    private static boolean exists(String database) {
        try (Connection connection = DriverManager.getConnection(Server.ADMIN_URL);
                PreparedStatement statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test database: cannot look for " + database + ": " + e.getMessage(), e);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(Server.ADMIN_URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The PostgreSQL server tests create their databases on: TEST_POSTGRES_URL, or one embedded per JVM. */
    private static final class Server {
        static final String ADMIN_URL = adminUrl();

        private static String adminUrl() {
            String given = System.getenv("TEST_POSTGRES_URL");
            if (given != null && !given.isBlank()) {
                return given;
            }
            try {
                // zonky's defaults suit tests: a temporary data directory, deleted by its shutdown hook
                return EmbeddedPostgres.builder().start().getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
        }

        /** The admin URL with its database replaced by {@code database}, parameters (such as user) kept. */
        static String url(String database) {
            URI admin = URI.create(ADMIN_URL.substring("jdbc:".length()));
            String query = admin.getRawQuery() == null ? "" : "?" + admin.getRawQuery();
            return "jdbc:" + admin.getScheme() + "://" + admin.getRawAuthority() + "/" + database + query;
        }
    }
}
