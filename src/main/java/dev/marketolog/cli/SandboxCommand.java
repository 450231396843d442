package dev.marketolog.cli;

import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.telegram.sim.SimOptions;
import io.javalin.util.JavalinBindException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sandbox}: the simulated world on the real clock, served on loopback to {@code serve} and to people, until SIGTERM. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Runs the simulated Telegram world on the real clock, on 127.0.0.1, for serve (TELEGRAM_SANDBOX_URL) and tests.")
public final class SandboxCommand implements Callable<Integer> {

    /** The first of the channels {@code --channels N} makes: -1002000000001, -1002000000002, ... */
    public static final long FIRST_GENERATED_CHANNEL = -1_002_000_000_001L;
    /** How long a sandbox world runs at most; a sandbox is restarted long before. */
    private static final Duration LIFETIME = Duration.ofDays(3650);
    /** The posts a channel has when it appears: enough for any FRESH_POST_MAX_AGE_MINUTES worth testing. */
    private static final Duration HISTORY = Duration.ofHours(6);

    private static final Logger log = LoggerFactory.getLogger(SandboxCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "9400", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: a free one).")
    private int port;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the world (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--channels", defaultValue = "0", paramLabel = "N",
            description = "Channels to make at the start, besides those the accounts' allowlists bring (default: ${DEFAULT-VALUE}).")
    private int channels;

    @Option(names = "--posts-per-hour", defaultValue = "6", paramLabel = "P", description = "Mean posts per channel and hour (default: ${DEFAULT-VALUE}).")
    private double postsPerHour;

    @Option(names = "--peer-flood-rate", defaultValue = "0", paramLabel = "P", description = "Probability that a send fails with PEER_FLOOD.")
    private double peerFloodRate;

    @Option(names = "--flood-wait-rate", defaultValue = "0", paramLabel = "P", description = "Probability that a send fails with a flood wait.")
    private double floodWaitRate;

    @Option(names = "--flood-wait-max", defaultValue = "300", paramLabel = "SECONDS",
            description = "The longest flood wait (from 5 s, drawn log-uniformly; default: ${DEFAULT-VALUE}).")
    private long floodWaitMax;

    @Option(names = "--delete-rate", defaultValue = "0", paramLabel = "P",
            description = "Probability that a moderator deletes an accepted comment within two minutes.")
    private double deleteRate;

    @Option(names = "--forbidden-chat", paramLabel = "ID", description = "A channel whose discussion group is closed to every account.")
    private List<Long> forbiddenChats = new ArrayList<>();

    @Option(names = "--slow-mode-chat", paramLabel = "ID:SECONDS", converter = SimulateCommand.SlowModeChat.Converter.class,
            description = "A channel whose discussion group has slow mode with this delay.")
    private List<SimulateCommand.SlowModeChat> slowModeChats = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE", description = "Read the world from FILE when it exists, and write it there as it runs.")
    private Path state;

    @Override
    public Integer call() throws InterruptedException {
        SimOptions options = options();
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options, generatedChannels(channels), port, Optional.ofNullable(state));
        } catch (JavalinBindException | UncheckedIOException e) {
            log.error("Cannot start the sandbox: {}", e.getMessage());
            return ServeCommand.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sandbox-stop").unstarted(() -> {
            sandbox.close();
            log.info("Sandbox stopped");
            Runtime.getRuntime().halt(0);
        }));
        new CountDownLatch(1).await();
        return 0;
    }

    /** The ids of {@code count} generated channels. */
    public static List<Long> generatedChannels(int count) {
        return LongStream.range(0, count).map(i -> FIRST_GENERATED_CHANNEL - i).boxed().toList();
    }

    private SimOptions options() {
        if (channels < 0) {
            throw bad("--channels must be 0 or more, got " + channels);
        }
        if (!(postsPerHour >= 0)) {
            throw bad("--posts-per-hour must be 0 or more, got " + postsPerHour);
        }
        if (floodWaitMax < 5) {
            throw bad("--flood-wait-max must be 5 or more, got " + floodWaitMax);
        }
        try {
            SimOptions.Builder builder = SimOptions.builder(seed, Instant.now(), LIFETIME)
                    .history(HISTORY)
                    .postsPerDay(postsPerHour * 24)
                    .peerFloodRate(peerFloodRate)
                    .floodWaitRate(floodWaitRate)
                    .floodWaits(Duration.ofSeconds(5), Duration.ofSeconds(floodWaitMax))
                    .commentDeleteRate(deleteRate);
            forbiddenChats.forEach(builder::forbidden);
            slowModeChats.forEach(chat -> builder.slowMode(chat.channelId(), chat.delay()));
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
