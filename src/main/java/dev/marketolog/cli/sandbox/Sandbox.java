package dev.marketolog.cli.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.telegram.sandbox.SandboxJson;
import dev.marketolog.telegram.sim.SimOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sandbox: the world on the real clock, its HTTP server on loopback and, with a state file, the world written
 * there every few seconds and at the stop. {@code marketolog sandbox} runs one as its own process, {@code demo} in process.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = SandboxJson.mapper();

    private final SandboxWorld world;
    private final SandboxServer server;
    private final Optional<Path> stateFile;
    private final ScheduledExecutorService saver =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-save").daemon().factory());

    private Sandbox(SandboxWorld world, SandboxServer server, Optional<Path> stateFile) {
        this.world = world;
        this.server = server;
        this.stateFile = stateFile;
        stateFile.ifPresent(file -> saver.scheduleWithFixedDelay(this::saveLogged, SAVE_EVERY.toMillis(), SAVE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /**
     * Starts a world with {@code channels} (more appear as accounts connect), or the one in {@code stateFile} when that
     * file exists, and serves it on 127.0.0.1:{@code port} (0: a free port).
     *
     * @throws UncheckedIOException when the state file cannot be read
     */
    public static Sandbox start(SimOptions options, Collection<Long> channels, int port, Optional<Path> stateFile) {
        SandboxWorld world = stateFile.filter(Files::exists)
                .map(file -> SandboxWorld.restore(options, read(file)))
                .orElseGet(() -> SandboxWorld.create(options, channels));
        try {
            SandboxServer server = SandboxServer.start(world, port);
            log.info("Sandbox world listening on {}", "http://127.0.0.1:" + server.port());
            return new Sandbox(world, server, stateFile);
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    private static SandboxState read(Path file) {
        try {
            SandboxState state = JSON.readValue(file.toFile(), SandboxState.class);
            log.info("Sandbox world restored from {}: {} comments received so far", file, state.comments().size());
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox state " + file + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public SandboxWorld world() {
        return world;
    }

    /**
     * Writes the world to the state file, if there is one: to a temporary file first, so a crash leaves the old one
     * whole. One save at a time: the periodic save and the last one at close would otherwise write the same temporary
     * file at once and move a garbled state into place (found by the chaos harness: the restarted sandbox could not
     * read its state).
     */
    public synchronized void save() throws IOException {
        if (stateFile.isEmpty()) {
            return;
        }
        Path file = stateFile.get().toAbsolutePath();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), world.state());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void saveLogged() {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write the sandbox state: {}", e.getMessage());
        }
    }

    /** Stops taking requests, writes the state a last time and stops the world. */
    @Override
    public void close() {
        server.close();
        saver.shutdownNow();
        saveLogged();
        world.close();
    }
}
