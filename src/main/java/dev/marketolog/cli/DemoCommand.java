package dev.marketolog.cli;

import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.cli.simulate.PlaceholderWriter;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.store.StoreException;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.web.WebServerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the sandbox world in this process and {@code serve} with three demo accounts commenting in it, so a
 * newcomer sees the product work within a minute with nothing configured. Ctrl-C stops both and exits 0.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs a sandbox Telegram world and serve with three demo accounts in it; data under ./demo-data.")
public final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);
    private static final String DEFAULT_LLM = "http://localhost:11434/v1";
    /** The environment keys the demo takes from the machine: which LLM to ask, nothing else. */
    private static final List<String> LLM_KEYS = List.of("OPENAI_BASE_URL", "OPENAI_API_KEY", "LLM_MODEL");
    private static final int CHANNELS = 6;
    private static final double POSTS_PER_HOUR = 60;

    /** A demo account: its name, who it is, and which of the sandbox's channels it comments in. */
    private record DemoAccount(String name, String persona, List<Integer> channels) {}

    private static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("anna", "Анна, маркетолог из Казани, пишет коротко и по делу", List.of(0, 1, 2, 3)),
            new DemoAccount("boris", "Борис, backend-разработчик, любит цифры и конкретику", List.of(2, 3, 4, 5)),
            new DemoAccount("vera", "Вера, продакт-менеджер, задаёт уточняющие вопросы", List.of(0, 1, 4, 5)));

    @Spec
    private CommandSpec spec;

    private final Path workingDir;
    private final Map<String, String> environment;

    public DemoCommand() {
        this(Path.of("").toAbsolutePath(), System.getenv());
    }

    DemoCommand(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dataDir = workingDir.resolve("demo-data");
        List<Long> channels = SandboxCommand.generatedChannels(CHANNELS);
        SimOptions world = SimOptions.builder(1, Instant.now(), Duration.ofDays(3650)).history(Duration.ofHours(6))
                .postsPerDay(POSTS_PER_HOUR * 24).build();
        Sandbox sandbox = Sandbox.start(world, channels, 0, Optional.empty());
        int httpPort = portFree(8000) ? 8000 : freePort();
        Map<String, String> env = new HashMap<>();
        LLM_KEYS.forEach(key -> Optional.ofNullable(environment.get(key)).filter(v -> !v.isBlank()).ifPresent(v -> env.put(key, v)));
        env.putAll(Map.of("DATA_DIR", dataDir.toString(), "HTTP_PORT", String.valueOf(httpPort),
                "TELEGRAM_SANDBOX_URL", sandbox.url(), "FLEET_MIN_GAP_SECONDS", "20"));
        Optional<Settings> settings = CommandSettings.load(writeAccounts(dataDir.resolve("accounts"), channels), workingDir, env,
                Purpose.SERVE, spec.commandLine().getErr());
        if (settings.isEmpty()) {
            sandbox.close();
            return CommandSettings.PROBLEMS;
        }
        ServeProcess serve = new ServeProcess(settings.get(), writers(env.getOrDefault("OPENAI_BASE_URL", DEFAULT_LLM)));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("demo-stop").unstarted(() -> {
            log.info("Stopping the demo");
            serve.close();
            sandbox.close();
            log.info("Demo stopped");
            Runtime.getRuntime().halt(0);
        }));
        try {
            serve.start();
        } catch (StoreException | WebServerException e) {
            log.error("Cannot start: {}", e.getMessage());
            sandbox.close();
            return ServeCommand.FAILED;
        }
        printWhereToLook(sandbox, httpPort, dataDir);
        serve.awaitClosed();
        return 0;
    }

    /** The LLM when it answers at {@code baseUrl}, else the placeholder writer, said once in the log. */
    private static CommentWriters writers(String baseUrl) throws InterruptedException {
        if (llmAnswers(baseUrl)) {
            log.info("The LLM at {} writes the demo's comments", baseUrl);
            return CommentWriters.LLM;
        }
        log.info("No LLM answers at {} (OPENAI_BASE_URL): the placeholder writer writes the demo's comments, marked {}",
                baseUrl, PlaceholderWriter.MARK);
        return (config, cache, registry) -> account -> new PlaceholderWriter();
    }

    private static boolean llmAnswers(String baseUrl) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            URI models = URI.create(baseUrl.endsWith("/") ? baseUrl + "models" : baseUrl + "/models");
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(models).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** One env file per demo account, written anew each run, so the demo always runs as this version describes it. */
    private static List<Path> writeAccounts(Path dir, List<Long> channels) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (DemoAccount account : ACCOUNTS) {
            String allowlist = account.channels().stream().map(i -> String.valueOf(channels.get(i))).collect(Collectors.joining(","));
            files.add(Files.writeString(dir.resolve(".env." + account.name()), """
                    # written by `marketolog demo` at each start; edit the command, not this file
                    ACCOUNT_NAME=%s
                    PERSONA=%s
                    ALLOWLIST_CHAT_IDS=%s
                    TELEGRAM_API_ID=1
                    TELEGRAM_API_HASH=00000000000000000000000000000000
                    TIMEZONE=UTC
                    ACTIVE_WINDOWS=0-24
                    MESSAGES_PER_DAY=200
                    MESSAGES_PER_HOUR=20
                    MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS=20
                    MIN_INTERVAL_PER_CHAT_SECONDS=60
                    MAX_INSTANT_PER_CHAT_PER_HOUR=10
                    INSTANT_COMMENT_DELAY_SECONDS=5
                    FRESH_POST_MAX_AGE_MINUTES=60
                    """.formatted(account.name(), account.persona(), allowlist)));
        }
        return files;
    }

    private void printWhereToLook(Sandbox sandbox, int httpPort, Path dataDir) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("""

                Marketolog demo: three accounts (anna, boris, vera) comment in a sandbox Telegram world.
                  comments      %s/inspect/comments   (the first ones within a minute)
                  refusals      %s/inspect/refusals
                  health        http://127.0.0.1:%d/health
                  data          %s
                Ctrl-C stops it.
                %n""", sandbox.url(), sandbox.url(), httpPort, dataDir);
        out.flush();
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
