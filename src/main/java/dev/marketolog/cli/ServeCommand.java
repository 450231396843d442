package dev.marketolog.cli;

import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.store.StoreException;
import dev.marketolog.web.WebServerException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marketolog [serve]}: the main job, until SIGTERM or SIGINT stops it. */
@Command(
        name = ServeCommand.NAME,
        mixinStandardHelpOptions = true,
        description = "Run the configured accounts, with /health and /metrics on HTTP_HOST:HTTP_PORT (the default command).")
public final class ServeCommand implements Callable<Integer> {

    public static final String NAME = "serve";

    /** Exit code when a part (database, HTTP port, DATA_DIR) cannot start, or the stop overran its deadline. */
    static final int FAILED = 1;
    /** A stop that takes longer is cut short: supervisors (Docker, systemd) kill soon after anyway. */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    private AccountEnvFiles envFiles;

    @Spec
    private CommandSpec spec;

    private final Path workingDir;
    private final Map<String, String> environment;
    /** The process once it exists; the shutdown hook stops it. */
    private volatile ServeProcess process;
    /** Set when call() ends on its own: the exit code it returns must stand. */
    private volatile boolean exiting;

    /** Reads the process environment and looks for env files in the working directory. */
    public ServeCommand() {
        this(Path.of("").toAbsolutePath(), System.getenv());
    }

    ServeCommand(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        // first of all, so that a signal at any moment of the start stops it cleanly (main installed the hook earlier still)
        ServeSignal.onStop(this::stop);
        try {
            return run();
        } finally {
            exiting = true;
        }
    }

    private int run() throws InterruptedException {
        Optional<Settings> loaded =
                envFiles.load(workingDir, environment, Purpose.SERVE, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return CommandSettings.PROBLEMS;
        }
        Settings settings = loaded.get();
        LogOutput.use(settings.process().logFormat());
        settings.warnings().forEach(warning -> log.warn("{}", warning));

        ServeProcess started = new ServeProcess(settings);
        process = started;
        try {
            started.start();
        } catch (ServeProcess.StartStopped e) {
            // the shutdown hook stopped the start and ends the process
            started.awaitClosed();
            return 0;
        } catch (StoreException | WebServerException | DataDirectory.Unusable e) {
            log.error("Cannot start: {}", e.getMessage());
            return FAILED;
        }
        started.awaitClosed();
        return 0;
    }

    /** Runs in the shutdown hook ({@link ServeSignal}) that SIGTERM, SIGINT and every exit run. */
    private void stop() {
        if (exiting) {
            // serve ends on its own (a failed start, wrong settings): the JVM keeps its exit code
            return;
        }
        Thread.ofPlatform().daemon().name("marketolog-stop-deadline").start(ServeCommand::haltAfterDeadline);
        ServeProcess current = process;
        if (current != null) {
            log.info("Stopping");
            current.requestStop();
            try {
                current.awaitStartEnded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            current.close();
            log.info("Stopped");
        }
        // The JVM would exit with 128 + the signal's number; a clean stop on request is a success for supervisors.
        Runtime.getRuntime().halt(0);
    }

    private static void haltAfterDeadline() {
        try {
            Thread.sleep(STOP_DEADLINE);
        } catch (InterruptedException e) {
            return;
        }
        log.error("Did not stop within {} s; exiting anyway", STOP_DEADLINE.toSeconds());
        Runtime.getRuntime().halt(FAILED);
    }
}
