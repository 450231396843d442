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
import java.time.InstantSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's PostgreSQL: a small HikariCP pool, migrated by Flyway when opened, with every wait bounded (see
 * {@link #CONNECT_TIMEOUT}, {@link #LOGIN_TIMEOUT}, {@link #SOCKET_TIMEOUT}) and its {@link #health()} probed every
 * {@link #PROBE_EVERY}. When it owns an embedded server, {@link #close()} stops that server after closing the pool; no
 * JVM hook does it, so shutdown must call {@link #close()} after stopping whatever still writes.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Virtual threads share the pool: a few connections serve many accounts, each holding one only briefly. */
    static final int POOL_SIZE = 8;
    /**
     * The engine's hot reads (an account's history, the fleet's facts) on connections of their own whose statements are
     * planned once: PostgreSQL otherwise plans each of them again at every call, because its generic plan of a range
     * over a parameter is estimated far dearer than a custom one, though both are the same index lookup. That planning
     * was more than half of a tick's reads (see the README's "A year of journal"). The console's filtered pages keep
     * the main pool's plans: a generic plan there could miss what a custom one finds.
     */
    static final int PLANNED_ONCE_POOL_SIZE = 4;
    /** How long a caller waits for a pooled connection. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** How long the driver waits for the server to accept the TCP connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long the driver waits for the whole login (TLS negotiation, authentication): a server that accepts and never answers. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long the driver waits for any answer on an open connection; our statements take milliseconds. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /** How long the pool's check of an idle connection may take. */
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration PROBE_EVERY = Duration.ofSeconds(2);

    private final Pool pool;
    private final Pool plannedOnce;
    private final Optional<EmbeddedDatabase> embedded;
    private final Thread prober;

    private Database(Pool pool, Pool plannedOnce, Optional<EmbeddedDatabase> embedded) {
        this.pool = pool;
        this.plannedOnce = plannedOnce;
        this.embedded = embedded;
        this.prober = Thread.ofVirtual().name("marketolog-db-probe").start(this::probeUntilClosed);
    }

    /** The server POSTGRES_DSN names, or else an embedded one with its data in {@code DATA_DIR/postgres}. */
    public static Database open(ProcessSettings settings) {
        if (settings.postgres().isPresent()) {
            return connect(settings.postgres().get());
        }
        log.info("Starting the embedded PostgreSQL in {} (a first start unpacks and initialises it)",
                settings.dataDir().resolve("postgres"));
        // A free port each start: nothing outside this process connects to it, and two processes never collide.
        EmbeddedDatabase server = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"), 0);
        try {
            return opened(server.dsn(), Optional.of(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Connects to the server {@code dsn} names and migrates its schema to the latest version. */
    public static Database connect(DatabaseDsn dsn) {
        return opened(dsn, Optional.empty());
    }

    /** Both pools on the migrated database; the main one closed again when the second cannot open. */
    private static Database opened(DatabaseDsn dsn, Optional<EmbeddedDatabase> embedded) {
        Pool pool = migratedPool(dsn);
        try {
            return new Database(pool, ConnectionLoss.retry("connect to the database at " + where(dsn), () -> plannedOncePool(dsn, pool.health())),
                    embedded);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The schema of the database {@code dsn} names, only looked at (for doctor): nothing is migrated or created.
     *
     * @param version the schema's version; empty when serve has never migrated this database
     * @param pending migrations serve would apply at its next start
     */
    public record Schema(Optional<String> version, int pending) {}

    /** Connects with the same timeouts as serve and reads the schema's version; throws {@link StoreException} when it cannot. */
    public static Schema look(DatabaseDsn dsn) {
        try (Pool pool = pool(dsn)) {
            MigrationInfoService info = flyway(pool).info();
            return new Schema(Optional.ofNullable(info.current()).map(m -> m.getVersion().getVersion()), info.pending().length);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("cannot read the schema of the database at " + where(dsn) + ": " + rootMessage(e), e);
        }
    }

    private static Flyway flyway(DataSource pool) {
        return Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
    }

    private static Pool migratedPool(DatabaseDsn dsn) {
        log.info("Connecting to the database at {} (giving up after {} s without an answer)", where(dsn),
                LOGIN_TIMEOUT.plus(CONNECT_TIMEOUT).toSeconds());
        // pg_terminate_backend while the pool opens its first connection ended the start (found by the chaos harness)
        Pool pool = ConnectionLoss.retry("connect to the database at " + where(dsn), () -> pool(dsn));
        try {
            var result = ConnectionLoss.retry("migrate the database at " + where(dsn), () -> flyway(pool).migrate());
            log.info("Database {} ready, {} migration(s) applied", where(dsn), result.migrationsExecuted);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the database at " + where(dsn) + ": " + rootMessage(e), e);
        }
    }

    private static Pool pool(DatabaseDsn dsn) {
        HikariConfig config = config(dsn);
        config.setPoolName("marketolog-db");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        return pool(dsn, config, new DatabaseHealth(where(dsn), InstantSource.system()));
    }

    /** See {@link #PLANNED_ONCE_POOL_SIZE}; its failures tell the same health as the main pool's. */
    private static Pool plannedOncePool(DatabaseDsn dsn, DatabaseHealth health) {
        HikariConfig config = config(dsn);
        config.setPoolName("marketolog-db-planned-once");
        config.setMaximumPoolSize(PLANNED_ONCE_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionInitSql("set plan_cache_mode = force_generic_plan");
        return pool(dsn, config, health);
    }

    private static Pool pool(DatabaseDsn dsn, HikariConfig config, DatabaseHealth health) {
        try {
            return new Pool(config, health);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database at " + where(dsn) + ": " + rootMessage(e), e);
        }
    }

    private static HikariConfig config(DatabaseDsn dsn) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dsn.jdbcUrl());
        if (dsn.user() != null && !dsn.user().isEmpty()) {
            config.setUsername(dsn.user());
        }
        if (dsn.password().isPresent()) {
            config.setPassword(dsn.password().reveal());
        }
        // as connection properties, so that no log that shows the URL can show them
        dsn.secretParameters().forEach((name, value) -> config.addDataSourceProperty(name, value.reveal()));
        // the driver's own timeouts (in seconds); a parameter of the same name in POSTGRES_DSN overrides each
        config.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("loginTimeout", Long.toString(LOGIN_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        return config;
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

    private void probeUntilClosed() {
        while (!pool.isClosed()) {
            try {
                Thread.sleep(PROBE_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            if (!pool.isClosed()) {
                pool.health().probe(pool);
            }
        }
    }

    /** The pooled connections every repository uses. */
    public DataSource dataSource() {
        return pool;
    }

    /** The pooled connections of the engine's hot reads, which plan each statement once (see {@link #PLANNED_ONCE_POOL_SIZE}). */
    public DataSource plannedOnceReads() {
        return plannedOnce;
    }

    /** What is known of the database now, without asking it: for /health. */
    public DatabaseHealth health() {
        return pool.health();
    }

    /** Whether the database answers a trivial query within a few seconds. */
    public boolean ping() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(DatabaseHealth.PROBE_TIMEOUT_SECONDS);
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
        prober.interrupt();
        pool.health().closed();
        plannedOnce.close();
        pool.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    /** The pool, carrying the health its statements report to (see {@link Jdbc}). */
    static final class Pool extends HikariDataSource {
        private final DatabaseHealth health;

        Pool(HikariConfig config, DatabaseHealth health) {
            super(config);
            this.health = health;
        }

        DatabaseHealth health() {
            return health;
        }
    }
}
