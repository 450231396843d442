package dev.marketolog.cli;

import dev.marketolog.cli.simulate.PlaceholderWriter;
import dev.marketolog.cli.simulate.Simulation;
import dev.marketolog.cli.simulate.SimulationJson;
import dev.marketolog.cli.simulate.SimulationRun;
import dev.marketolog.cli.simulate.SimulationText;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.llm.PromptTemplateException;
import dev.marketolog.store.CaffeineCache;
import dev.marketolog.telegram.sim.SimOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code simulate}: the real engine against the simulated Telegram on a virtual clock; a report or one JSON object. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Runs the engine against a simulated Telegram on virtual time and prints what it would have done.")
public final class SimulateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SimulateCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountEnvFiles envFiles;

    /**
     * The run is kept whole in memory for the report (every post, comment and event), so its length is bounded: a
     * year, leap day included, covers every season, daylight-saving switch and cooldown the engine knows.
     */
    static final int MAX_DAYS = 366;

    @Option(names = "--days", defaultValue = "7", description = "Days to simulate, 1 to " + MAX_DAYS + " (default: ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--start", paramLabel = "T",
            description = "ISO-8601 start: 2026-12-01T00:00+03:00, 2026-12-01T00:00 or 2026-12-01 (local to the first account). Default: the coming local midnight.")
    private String start;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated world (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--posts-per-day", defaultValue = "6", description = "Mean posts per channel and day (default: ${DEFAULT-VALUE}).")
    private double postsPerDay;

    @Option(names = "--peer-flood-rate", defaultValue = "0", paramLabel = "P", description = "Probability that a send fails with PEER_FLOOD.")
    private double peerFloodRate;

    @Option(names = "--flood-wait-rate", defaultValue = "0", paramLabel = "P", description = "Probability that a send fails with a flood wait.")
    private double floodWaitRate;

    @Option(names = "--forbidden-chat", paramLabel = "ID", description = "A channel whose discussion group is closed to every account.")
    private List<Long> forbiddenChats = new ArrayList<>();

    @Option(names = "--slow-mode-chat", paramLabel = "ID:SECONDS", converter = SlowModeChat.Converter.class,
            description = "A channel whose discussion group has slow mode with this delay.")
    private List<SlowModeChat> slowModeChats = new ArrayList<>();

    @Option(names = "--llm", description = "Let the configured LLM write the comments (default: a marked placeholder).")
    private boolean llm;

    @Option(names = "--json", description = "Print exactly one JSON object instead of the report.")
    private boolean json;

    private final Map<String, String> environment;
    private final Clock wallClock;

    public SimulateCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** For tests: the process environment and the real time the default {@code --start} is counted from. */
    public SimulateCommand(Map<String, String> environment, Clock wallClock) {
        this.environment = Map.copyOf(environment);
        this.wallClock = wallClock;
    }

    /** A {@code --slow-mode-chat} value. */
    record SlowModeChat(long channelId, Duration delay) {
        static final class Converter implements CommandLine.ITypeConverter<SlowModeChat> {
            @Override
            public SlowModeChat convert(String value) {
                int colon = value.lastIndexOf(':');
                try {
                    long seconds = Long.parseLong(value.substring(colon + 1));
                    if (colon <= 0 || seconds <= 0) {
                        throw new NumberFormatException();
                    }
                    return new SlowModeChat(Long.parseLong(value.substring(0, colon)), Duration.ofSeconds(seconds));
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException(
                            "expected CHAT_ID:SECONDS with SECONDS > 0, like -1001234567890:60, got '" + value + "'");
                }
            }
        }
    }

    @Override
    public Integer call() {
        Optional<Settings> loaded =
                envFiles.load(Path.of(""), environment, Purpose.TOOL, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return CommandSettings.PROBLEMS;
        }
        Settings settings = loaded.get();
        settings.warnings().forEach(log::warn);
        SimOptions options = options(settings.accounts());
        Map<String, CommentWriter> writers;
        try {
            writers = writers(settings);
        } catch (PromptTemplateException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        SimulationRun run = Simulation.run(settings, options, account -> writers.get(account.name()), llm);
        spec.commandLine().getOut().print(json ? SimulationJson.render(run) + "\n" : SimulationText.render(run));
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    /** Each account's writer: the placeholder, or with {@code --llm} the LLM writer {@code serve} uses, sharing one client. */
    private Map<String, CommentWriter> writers(Settings settings) {
        Map<String, CommentWriter> writers = new HashMap<>();
        if (!llm) {
            settings.accounts().forEach(account -> writers.put(account.name(), new PlaceholderWriter()));
            return writers;
        }
        // Metrics and cache of this run only: simulate leaves no trace in a shared Redis.
        Function<AccountSettings, CommentWriter> llmWriters =
                LlmWriters.of(settings.process(), new CaffeineCache(), new SimpleMeterRegistry());
        // built here, before the run, so that a bad prompt template is reported as bad usage
        settings.accounts().forEach(account -> writers.put(account.name(), llmWriters.apply(account)));
        return writers;
    }

    private SimOptions options(List<AccountSettings> accounts) {
        if (days < 1 || days > MAX_DAYS) {
            throw bad("--days must be from 1 to " + MAX_DAYS + " (a year; the whole run is kept in memory), got " + days);
        }
        if (!(postsPerDay >= 0)) {
            throw bad("--posts-per-day must be 0 or more, got " + postsPerDay);
        }
        requireProbability("--peer-flood-rate", peerFloodRate);
        requireProbability("--flood-wait-rate", floodWaitRate);
        List<Long> channels = Simulation.channels(accounts);
        SimOptions.Builder builder = SimOptions.builder(seed, startInstant(accounts.getFirst().limits().timezone()), Duration.ofDays(days))
                .history(accounts.stream().map(a -> a.limits().freshPostMaxAge()).max(Duration::compareTo).orElseThrow())
                .postsPerDay(postsPerDay)
                .peerFloodRate(peerFloodRate)
                .floodWaitRate(floodWaitRate);
        for (long chat : forbiddenChats) {
            builder.forbidden(requireAllowlisted("--forbidden-chat", chat, channels));
        }
        for (SlowModeChat chat : slowModeChats) {
            builder.slowMode(requireAllowlisted("--slow-mode-chat", chat.channelId(), channels), chat.delay());
        }
        return builder.build();
    }

    private void requireProbability(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw bad(option + " must be a probability from 0 to 1, got " + value);
        }
    }

    private Instant startInstant(ZoneId zone) {
        if (start == null) {
            return LocalDate.now(wallClock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeException notWithOffset) {
            try {
                return LocalDateTime.parse(start).atZone(zone).toInstant();
            } catch (DateTimeException notLocalTime) {
                try {
                    return LocalDate.parse(start).atStartOfDay(zone).toInstant();
                } catch (DateTimeException notDate) {
                    throw bad("--start must be ISO-8601 (2026-12-01T00:00+03:00, 2026-12-01T00:00 or 2026-12-01), got '" + start + "'");
                }
            }
        }
    }

    private long requireAllowlisted(String option, long chat, List<Long> channels) {
        if (!channels.contains(chat)) {
            throw bad(option + " " + chat + " is in no account's ALLOWLIST_CHAT_IDS");
        }
        return chat;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
