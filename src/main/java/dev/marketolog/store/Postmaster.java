package dev.marketolog.store;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL programs run on a data directory from the binaries we unpacked. Their output goes to the server log;
 * as root they run in a user namespace (PostgreSQL refuses to run as root), as io.zonky did.
 */
final class Postmaster {

    static final String USER = "postgres";
    /**
     * Passed on the command line, which outranks {@code postgresql.conf} and {@code ALTER SYSTEM}. The first three are
     * what makes a confirmed commit survive a crash (io.zonky turns them off: it is made for tests); the server listens
     * on this machine only and opens no Unix socket in /tmp (every local user could enter that one); UTC keeps
     * timestamps printed the same on every host.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "listen_addresses", "localhost",
            "unix_socket_directories", "",
            "timezone", "UTC");
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    /** A PostgreSQL program itself failed: its own lines in the server log say why. */
    static final class Failed extends IOException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path binaries;
    private final Path dataDirectory;
    private final ServerLog serverLog;

    Postmaster(Path binaries, Path dataDirectory, ServerLog serverLog) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.serverLog = serverLog;
    }

    /** Creates a cluster in {@code directory} (which must not exist yet), its superuser {@code postgres} without password. */
    void initdb(Path directory) throws IOException, InterruptedException {
        serverLog.beginStart("initdb " + directory);
        Process initdb = run("initdb", List.of("-A", "trust", "-U", USER, "-D", directory.toString(), "-E", "UTF-8"));
        if (initdb.waitFor() != 0) {
            throw new Failed("initdb failed with exit code " + initdb.exitValue(), null);
        }
    }

    /** Starts the server on {@code port} and returns once it answers a query, or fails with the server's own words. */
    Process start(int port, Duration wait) throws IOException, InterruptedException {
        serverLog.beginStart("postgres on port " + port);
        List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory.toString(), "-p", Integer.toString(port)));
        SETTINGS.forEach((name, value) -> arguments.addAll(List.of("-c", name + "=" + value)));
        Process postgres = run("postgres", arguments);
        try {
            awaitReady(postgres, port, wait);
            return postgres;
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            throw e;
        }
    }

    private static void awaitReady(Process postgres, int port, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!postgres.isAlive()) {
                throw new Failed("postgres exited with code " + postgres.exitValue() + " while starting", null);
            }
            try (Connection ignored = DriverManager.getConnection(url(port) + "&connectTimeout=1&loginTimeout=2")) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new Failed("postgres did not accept connections within " + wait, notYet);
                }
            }
            Thread.sleep(READY_POLL); // a server starting (or recovering) has no event to wait for
        }
    }

    /** Stops the server on the directory with a fast shutdown: sessions end, committed data is kept. */
    void stop() throws IOException, InterruptedException {
        Process pgCtl = run("pg_ctl", List.of("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w",
                "-t", Long.toString(STOP_WAIT.toSeconds())));
        if (!pgCtl.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
            pgCtl.destroyForcibly();
            throw new IOException("pg_ctl stop failed on " + dataDirectory);
        }
    }

    static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + USER + "?user=" + USER;
    }

    private Process run(String program, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.file().toFile()))
                .start();
    }
}
