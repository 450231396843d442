package dev.marketolog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.ProcessSettings;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's PostgreSQL: a small HikariCP pool, migrated by Flyway when opened. When it owns an embedded server,
 * {@link #close()} stops that server after closing the pool; no JVM hook does it, so shutdown must call {@link #close()}
 * after stopping whatever still writes.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Virtual threads share the pool: a few connections serve many accounts, each holding one only briefly. */
    private static final int POOL_SIZE = 8;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final int PING_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final Optional<EmbeddedDatabase> embedded;

    private Database(HikariDataSource pool, Optional<EmbeddedDatabase> embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /** The server POSTGRES_DSN names, or else an embedded one with its data in {@code DATA_DIR/postgres}. */
    public static Database open(ProcessSettings settings) {
        if (settings.postgres().isPresent()) {
            return connect(settings.postgres().get());
        }
        // A free port each start: nothing outside this process connects to it, and two processes never collide.
        EmbeddedDatabase server = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"), 0);
        try {
            return new Database(migratedPool(server.dsn()), Optional.of(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Connects to the server {@code dsn} names and migrates its schema to the latest version. */
    public static Database connect(DatabaseDsn dsn) {
        return new Database(migratedPool(dsn), Optional.empty());
    }

    private static HikariDataSource migratedPool(DatabaseDsn dsn) {
        HikariDataSource pool = pool(dsn);
        try {
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            log.info("Database {} ready, {} migration(s) applied", where(dsn), result.migrationsExecuted);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the database at " + where(dsn) + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(DatabaseDsn dsn) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("marketolog-db");
        config.setJdbcUrl(dsn.jdbcUrl());
        if (dsn.user() != null && !dsn.user().isEmpty()) {
            config.setUsername(dsn.user());
        }
        if (dsn.password().isPresent()) {
            config.setPassword(dsn.password().reveal());
        }
        // as connection properties, so that no log that shows the URL can show them
        dsn.secretParameters().forEach((name, value) -> config.addDataSourceProperty(name, value.reveal()));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database at " + where(dsn) + ": " + rootMessage(e), e);
        }
    }

    /** The JDBC URL without its parameters: short, and safe even for a URL built by hand with a password in it. */
    private static String where(DatabaseDsn dsn) {
        int parameters = dsn.jdbcUrl().indexOf('?');
        return parameters < 0 ? dsn.jdbcUrl() : dsn.jdbcUrl().substring(0, parameters);
    }

    /** The innermost cause, named: a bare "postgres" (an unknown host's message) tells an operator nothing. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof UnknownHostException ? "unknown host " + root.getMessage() : root.getMessage();
    }

    /** The pooled connections every repository uses. */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether the database answers a trivial query within a few seconds, for /health. */
    public boolean ping() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PING_TIMEOUT_SECONDS);
            statement.execute("select 1");
            return true;
        } catch (SQLException e) {
            log.debug("Database ping failed: {}", e.getMessage());
            return false;
        }
    }

    /** Whether this process runs the database server itself. */
    public boolean embedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
