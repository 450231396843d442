package dev.marketolog.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.marketolog.config.DatabaseDsn;
import dev.marketolog.config.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process whose data lives in one directory and survives restarts, with durable
 * settings ({@link Postmaster#SETTINGS}). Next to the data directory ({@code DATA_DIR/postgres}) lie the binaries we
 * unpack ({@code postgres-bin}), the server's log ({@code postgres.log}) and the lock ({@code postgres.lock}) that one
 * process holds from before the first {@code initdb} until {@link #close()}. A postmaster that dies while we run is
 * started again on the same port, so the pool's connections come back by themselves.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration RESTART_DELAY_MAX = Duration.ofSeconds(30);
    private static final int LOG_LINES_SHOWN = 20;

    private final Path dataDirectory;
    private final Postmaster postmaster;
    private final ServerLog serverLog;
    private final FileChannel lockChannel;
    private final int port;
    private final Object lifecycle = new Object();
    private Process process; // guarded by lifecycle
    private volatile boolean closed;
    private volatile Thread restarter;

    private EmbeddedDatabase(Path dataDirectory, Postmaster postmaster, ServerLog serverLog, FileChannel lockChannel,
            int port) {
        this.dataDirectory = dataDirectory;
        this.postmaster = postmaster;
        this.serverLog = serverLog;
        this.lockChannel = lockChannel;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, creating the cluster there the first time and reusing it after.
     *
     * @param port the port to listen on (localhost only), or 0 for a free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileChannel lock = lock(directory);
        ServerLog serverLog = new ServerLog(directory.resolveSibling(directory.getFileName() + ".log"));
        try {
            Path binaries = PostgresBinaries.prepare(directory.resolveSibling(directory.getFileName() + "-bin"));
            Postmaster postmaster = new Postmaster(binaries, directory, serverLog);
            stopLeftoverServer(directory, postmaster);
            createClusterIfMissing(directory, postmaster);
            EmbeddedDatabase database = new EmbeddedDatabase(directory, postmaster, serverLog, lock,
                    port == 0 ? freePort() : port);
            database.launch();
            log.info("Embedded PostgreSQL listening on localhost:{}, data in {}", database.port, directory);
            return database;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            throw failure(directory, serverLog, e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(lock);
            Thread.currentThread().interrupt();
            throw failure(directory, serverLog, "interrupted", e);
        }
    }

    /**
     * Takes {@code postgres.lock} before anything else, so that of two processes starting on one directory one goes on
     * and the other is told at once; held until {@link #close()}, it also proves that no live process owns a server
     * left on the directory.
     */
    private static FileChannel lock(Path directory) {
        FileChannel channel = null;
        try {
            PrivateDirectories.create(directory.getParent());
            Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
            channel = FileChannel.open(lockFile, Set.of(CREATE, WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (!taken(channel)) {
                throw new IOException("another running process uses " + directory
                        + " (it is in use; give each process its own DATA_DIR)");
            }
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static boolean taken(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM already runs a server on the directory
        }
    }

    /**
     * A server whose process died without stopping it (kill -9) still runs on the directory, and a new one could not
     * start there: stop it first, but only when it provably serves this directory.
     */
    private static void stopLeftoverServer(Path directory, Postmaster postmaster) throws IOException, InterruptedException {
        switch (LeftoverPostmaster.of(directory)) {
            case LeftoverPostmaster.None none -> { }
            case LeftoverPostmaster.Stale stale -> {
                log.info("Removing {}: the PID it names is this process, so no server runs there", stale.pidFile());
                Files.delete(stale.pidFile());
            }
            case LeftoverPostmaster.Ours ours -> {
                log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", ours.process().pid(),
                        directory);
                postmaster.stop();
                try {
                    ours.process().onExit().get(LEFTOVER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("the leftover PostgreSQL (pid " + ours.process().pid()
                            + ") did not stop within " + LEFTOVER_STOP_WAIT, e);
                }
            }
            case LeftoverPostmaster.Stranger stranger -> throw new IOException(directory.resolve("postmaster.pid")
                    + " names pid " + stranger.pid() + " (" + stranger.command() + "), which is not a PostgreSQL"
                    + " serving " + directory + "; it is left alone. If no PostgreSQL runs on " + directory
                    + ", delete that postmaster.pid and start again");
        }
    }

    /** initdb into a temporary directory renamed into place once complete: a killed start leaves no half cluster. */
    private static void createClusterIfMissing(Path directory, Postmaster postmaster)
            throws IOException, InterruptedException {
        PrivateDirectories.removeTemporarySiblings(directory);
        if (Files.exists(directory.resolve("PG_VERSION"))) {
            return;
        }
        if (Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " holds files but no PostgreSQL cluster (no PG_VERSION);"
                            + " move them away to have a new cluster created");
                }
            }
            Files.delete(directory);
        }
        Path temporary = PrivateDirectories.temporarySibling(directory);
        postmaster.initdb(temporary);
        PrivateDirectories.moveAtomically(temporary, directory);
        log.info("Created a PostgreSQL cluster in {}", directory);
    }

    private void launch() throws IOException, InterruptedException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IOException("closed");
            }
            process = postmaster.start(port, START_WAIT);
            Process started = process;
            started.onExit().thenRun(() -> diedWhileRunning(started));
        }
    }

    /** The postmaster exited without {@link #close()}: say why in its own words, and start it again until it runs. */
    private void diedWhileRunning(Process dead) {
        synchronized (lifecycle) {
            if (closed || dead != process) {
                return;
            }
        }
        log.error("Embedded PostgreSQL (pid {}) died with exit code {}; starting it again. Its last lines:{}",
                dead.pid(), dead.exitValue(), indented(serverLog));
        restarter = Thread.ofVirtual().name("embedded-postgres-restart").start(this::restartUntilRunning);
    }

    private void restartUntilRunning() {
        Duration delay = Duration.ofSeconds(1);
        while (true) {
            try {
                launch();
                log.info("Embedded PostgreSQL runs again on localhost:{}", port);
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                log.warn("Embedded PostgreSQL could not start again ({}; last line: {}); next try in {} s",
                        e.getMessage(), String.join("", serverLog.lastLines(1)), delay.toSeconds());
            } catch (InterruptedException e) {
                return; // close() stops the restarts
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(RESTART_DELAY_MAX) > 0 ? RESTART_DELAY_MAX : delay.multipliedBy(2);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static StoreException failure(Path directory, ServerLog serverLog, String why, Exception cause) {
        if (cause instanceof Postmaster.Failed) {
            log.error("The embedded PostgreSQL did not start; the last lines of {}:{}", serverLog.file(),
                    indented(serverLog));
        }
        return new StoreException("cannot start the embedded PostgreSQL with data in " + directory + ": " + why, cause);
    }

    private static String indented(ServerLog serverLog) {
        StringBuilder lines = new StringBuilder();
        serverLog.lastLines(LOG_LINES_SHOWN).forEach(line -> lines.append("\n    ").append(line));
        return lines.toString();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("Closing the lock of the embedded PostgreSQL failed", e);
        }
    }

    /** How to reach this server: its {@code postgres} database as the {@code postgres} superuser, no password. */
    public DatabaseDsn dsn() {
        return new DatabaseDsn(Postmaster.url(port), Postmaster.USER, Secret.NONE);
    }

    /** Stops the server (a fast shutdown: open sessions are ended, committed data is kept) and releases the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        // not under the lifecycle lock: a restart holding it while it waits for the server must hear this at once
        closed = true;
        Thread restarting = restarter;
        if (restarting != null) {
            restarting.interrupt();
        }
        try {
            synchronized (lifecycle) {
                if (process != null && process.isAlive()) {
                    postmaster.stop();
                    process.waitFor();
                }
            }
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            throw new StoreException("cannot stop the embedded PostgreSQL with data in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while stopping the embedded PostgreSQL with data in " + dataDirectory, e);
        } finally {
            closeQuietly(lockChannel);
        }
    }
}
