package dev.marketolog.cli.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Refusal;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sandbox.SandboxJson;
import dev.marketolog.telegram.sim.GateViolations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The crash and fault harness shared by {@code ChaosIT} and {@code bench/run ChaosHarness}: a real sandbox process, a
 * PostgreSQL and a Redis outside serve, the LLM test server, and serve as a real process that is SIGKILLed again and
 * again while the parts around it fail; at the end the sandbox's record is checked against the journal.
 */
public final class ChaosRun {

    /** A channel whose discussion group the sandbox closes to everyone; every account has it on its allowlist. */
    static final long FORBIDDEN_CHANNEL = -1001000000099L;
    /** The refusals row of channels closed when an account opened them (from serve's log). */
    public static final String CHANNEL_REFUSED = "channel_refused_on_open";
    private static final long FIRST_CHANNEL = -1001000000001L;
    private static final int CHANNELS = 5;
    private static final int FLEET_MAX_ACCOUNTS_PER_POST = 1;
    /** Generous: at a load average of 25 on the shared 2-core machine a start took 60-90 s, and a miss ends the killing. */
    private static final Duration COME_BACK_WITHIN = Duration.ofSeconds(180);
    private static final Duration COMMENT_AFTER_FAULTS_WITHIN = Duration.ofSeconds(90);
    private static final Duration LLM_FAULT = Duration.ofSeconds(5);
    private static final Duration REDIS_DOWN = Duration.ofSeconds(6);
    private static final Pattern SKIP = Pattern.compile("^marketolog_comments_skipped_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*} ([0-9.eE+]+)$");
    private static final ObjectMapper JSON = SandboxJson.mapper();
    private static final List<String> WORDS = List.of("цены", "осенью", "рынок", "спрос", "поставки", "склад", "логистика",
            "интересно", "посмотрим", "думаю", "возможно", "сезон", "урожай", "экспорт", "тарифы", "маржа", "клиенты", "заказы",
            "конкуренты", "регион", "прогноз", "неделя", "динамика", "курс", "зерно", "аналитика", "сроки", "запасы");

    /** The three kinds of account, so that every limit bites within minutes. */
    static final List<AccountLimits> ROLES = List.of(
            new AccountLimits(6, 1, Duration.ofSeconds(10), Duration.ofSeconds(20)),      // reaches its daily cap
            new AccountLimits(1, 200, Duration.ofSeconds(10), Duration.ofSeconds(20)),    // reaches its hourly cap
            new AccountLimits(120, 1000, Duration.ofSeconds(20), Duration.ofSeconds(30))); // keeps commenting, meets its intervals

    private final ChaosSettings settings;
    private final Random random;
    private final Map<String, AccountLimits> accounts = new LinkedHashMap<>();
    private final Map<String, Integer> faults = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Double>> skipsByLife = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Duration> recoveries = new ArrayList<>();
    private final int sandboxPort = JarProcess.freePort();
    private final int redisPort = JarProcess.freePort();
    private final int servePort = JarProcess.freePort();
    private final Path stateFile;

    private volatile JarProcess sandbox;
    private volatile JarProcess serve;
    private volatile Process redis;
    private volatile int life;

    private ChaosRun(ChaosSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.stateFile = settings.workDir().resolve("sandbox-state.json");
        for (int i = 0; i < settings.accounts(); i++) {
            accounts.put("a" + i, ROLES.get(i % ROLES.size()));
        }
    }

    /** Runs the whole thing and reports; everything it started is stopped when it returns. */
    public static ChaosReport run(ChaosSettings settings) throws Exception {
        return new ChaosRun(settings).run();
    }

    private ChaosReport run() throws Exception {
        Instant began = Instant.now();
        Files.createDirectories(settings.workDir());
        try (TestDatabase db = TestDatabase.create(); OpenAiTestServer llm = OpenAiTestServer.start().respondWith(request -> answer())) {
            try {
                startRedis();
                startSandbox();
                List<String> envFiles = writeEnvFiles();
                Map<String, String> environment = serveEnvironment(db, llm);
                Thread scraper = Thread.ofPlatform().daemon().name("chaos-metrics").start(this::scrapeMetrics);
                Instant deadline = Instant.now().plus(settings.timeBox());
                Thread faulter = Thread.ofPlatform().daemon().name("chaos-faults").start(() -> faultUntil(deadline, db, llm));

                int[] kills = killUntil(deadline, environment, envFiles);
                faulter.join();
                Instant faultsEnded = Instant.now();
                awaitCommentAfter(faultsEnded);
                scraper.interrupt();
                int exit = serve.stop(Duration.ofSeconds(30));
                if (exit != 0) {
                    failures.add("serve exited " + exit + " after SIGTERM: " + serve.logTail(20));
                }

                List<ReceivedComment> received = inspect("/inspect/comments", new TypeReference<>() {});
                List<Refusal> refusals = inspect("/inspect/refusals", new TypeReference<>() {});
                GateViolations worldViolations = inspect("/inspect/violations", new TypeReference<>() {});
                ChaosChecks.Verdict verdict =
                        ChaosChecks.check(received, refusals, journal(db), accounts, FLEET_MAX_ACCOUNTS_PER_POST);
                Map<String, Long> refusalsByType = new HashMap<>(
                        refusals.stream().collect(Collectors.groupingBy(r -> r.error().type(), Collectors.counting())));
                refusalsByType.put(CHANNEL_REFUSED, channelsRefused());
                return new ChaosReport(kills[0], kills[1], List.copyOf(recoveries), Map.copyOf(faults), received.size(), denials(),
                        refusalsByType, worldViolations, verdict, List.copyOf(failures), Duration.between(began, Instant.now()));
            } finally {
                stopAll();
            }
        }
    }

    /** SIGKILLs serve until the deadline or the count; the kills and how many of them came during a start. */
    private int[] killUntil(Instant deadline, Map<String, String> environment, List<String> envFiles) throws InterruptedException {
        int kills = 0;
        int duringStart = 0;
        boolean lastDuringStart = false;
        launch(environment, envFiles);
        while (kills < settings.kills() && Instant.now().isBefore(deadline)) {
            // a kill during start is followed by a launch that must come back, so that every SIGKILL is recovered from
            boolean inStart = !lastDuringStart && random.nextBoolean();
            if (inStart) {
                Thread.sleep(random.nextInt(6_000));
                // serve answers 503 "starting" while it starts: a kill once it answers 200 is no kill during start, and
                // its recovery counts like the others'
                inStart = serve.get("/health").map(HttpResponse::statusCode).orElse(0) != 200;
                if (!inStart && !awaitHealthy(kills > 0)) {
                    break;
                }
                duringStart += inStart ? 1 : 0;
            } else {
                if (!awaitHealthy(kills > 0)) {
                    break;
                }
                Thread.sleep(random.nextInt(7_000));
                if (!serve.isAlive()) {
                    failures.add("serve ended on its own: " + serve.logTail(30));
                    break;
                }
            }
            serve.kill();
            kills++;
            lastDuringStart = inStart;
            launch(environment, envFiles);
        }
        awaitHealthy(kills > 0);
        return new int[] {kills, duringStart};
    }

    private boolean awaitHealthy(boolean afterKill) throws InterruptedException {
        Optional<Duration> healthy = serve.awaitHealthy(COME_BACK_WITHIN);
        if (healthy.isEmpty()) {
            failures.add("serve did not answer /health within " + COME_BACK_WITHIN + " of launch " + life + ": " + serve.logTail(30));
            return false;
        }
        if (afterKill) {
            recoveries.add(healthy.get());
        }
        return true;
    }

    private void launch(Map<String, String> environment, List<String> envFiles) {
        life++;
        List<String> args = new ArrayList<>(List.of("serve"));
        envFiles.forEach(file -> args.addAll(List.of("--env-file", file)));
        serve = JarProcess.start(settings.jar(), settings.workDir(), environment, servePort, settings.workDir().resolve("serve.log"),
                args.toArray(String[]::new));
    }

    /** One fault after another, each kind in turn with a pause between, until the deadline; all mended at the end. */
    private void faultUntil(Instant deadline, TestDatabase db, OpenAiTestServer llm) {
        List<String> kinds = List.of("pg_terminate_backend", "llm_500", "redis_restart", "llm_timeout", "sandbox_outage", "llm_stall");
        int next = 0;
        try {
            while (Instant.now().plus(settings.sandboxOutage()).isBefore(deadline)) {
                Thread.sleep(2_000 + random.nextInt(4_000));
                String kind = kinds.get(next++ % kinds.size());
                switch (kind) {
                    case "pg_terminate_backend" -> terminateBackends(db);
                    case "llm_500" -> llmFault(llm, Reply.error(500, "chaos: internal error", "server_error", null));
                    case "llm_timeout" -> llmFault(llm, Reply.answer(OpenAiTestServer.DEFAULT_ANSWER).delayedBy(Duration.ofSeconds(5)));
                    case "llm_stall" -> llmFault(llm, Reply.answer(OpenAiTestServer.DEFAULT_ANSWER).withBodyStalledFor(Duration.ofSeconds(5)));
                    case "redis_restart" -> {
                        redis.destroy();
                        redis.waitFor();
                        Thread.sleep(REDIS_DOWN);
                        startRedis();
                    }
                    case "sandbox_outage" -> {
                        sandbox.stop(Duration.ofSeconds(20));
                        Thread.sleep(settings.sandboxOutage());
                        startSandbox();
                    }
                    default -> throw new IllegalStateException(kind);
                }
                faults.merge(kind, 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add("a fault could not be made or mended: " + e);
        }
    }

    private static void llmFault(OpenAiTestServer llm, Reply reply) throws InterruptedException {
        llm.respondWith(request -> reply);
        Thread.sleep(LLM_FAULT);
        llm.respondWith(request -> answer());
    }

    /** A comment unlike the account's earlier ones, which the writer would reject as a copy. */
    static Reply answer() {
        List<String> words = new ArrayList<>(WORDS);
        java.util.Collections.shuffle(words, java.util.concurrent.ThreadLocalRandom.current());
        String text = String.join(" ", words.subList(0, 9));
        return Reply.answer(Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".");
    }

    /** Ends every connection to the run's database but the one asking (serve's pool, and the harness's own idle ones). */
    private static void terminateBackends(TestDatabase db) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException("pg_terminate_backend failed: " + e.getMessage(), e);
        }
    }

    /** Waits until the sandbox receives a comment after {@code after}; a failure when none comes. */
    private void awaitCommentAfter(Instant after) throws InterruptedException {
        long giveUp = System.nanoTime() + COMMENT_AFTER_FAULTS_WITHIN.toNanos();
        while (System.nanoTime() < giveUp) {
            List<ReceivedComment> received = inspect("/inspect/comments", new TypeReference<>() {});
            if (received.stream().anyMatch(comment -> comment.at().isAfter(after))) {
                return;
            }
            Thread.sleep(1_000);
        }
        failures.add("no comment within " + COMMENT_AFTER_FAULTS_WITHIN + " after the faults ended");
    }

    /** The skip counters of the live serve, every second, kept per life so that a kill loses at most a second of them. */
    private void scrapeMetrics() {
        while (!Thread.currentThread().isInterrupted()) {
            JarProcess current = serve;
            int currentLife = life;
            if (current != null) {
                current.get("/metrics").filter(response -> response.statusCode() == 200).ifPresent(response -> {
                    Map<String, Double> skips = new HashMap<>();
                    for (String line : response.body().split("\n")) {
                        Matcher matcher = SKIP.matcher(line);
                        if (matcher.matches()) {
                            skips.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
                        }
                    }
                    skipsByLife.put(currentLife, skips);
                });
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * How often serve heard that a channel is closed to an account, as its log says: the sandbox refuses the forbidden
     * channel when the account opens it, before any send, so its record of refused sends does not show it.
     */
    private long channelsRefused() throws IOException {
        try (var lines = Files.lines(settings.workDir().resolve("serve.log"))) {
            return lines.filter(line -> line.contains("channel " + FORBIDDEN_CHANNEL + " banned")).count();
        }
    }

    private Map<String, Long> denials() {
        Map<String, Long> total = new HashMap<>();
        skipsByLife.values().forEach(skips -> skips.forEach((reason, count) -> total.merge(reason, count.longValue(), Long::sum)));
        return total;
    }

    private <T> T inspect(String path, TypeReference<T> type) {
        HttpResponse<String> response = sandbox.get(path)
                .filter(answer -> answer.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("the sandbox did not answer " + path));
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of the sandbox", e);
        }
    }

    static List<ChaosChecks.JournalRow> journal(TestDatabase db) throws SQLException {
        List<ChaosChecks.JournalRow> rows = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select account, channel_id, post_id, status from comment")) {
            while (result.next()) {
                rows.add(new ChaosChecks.JournalRow(result.getString(1), result.getLong(2), result.getLong(3), result.getString(4)));
            }
        }
        return rows;
    }

    private void startSandbox() throws InterruptedException {
        JarProcess started = JarProcess.start(settings.jar(), settings.workDir(), Map.of(), sandboxPort,
                settings.workDir().resolve("sandbox.log"), "sandbox", "--port", Integer.toString(sandboxPort),
                "--seed", Long.toString(settings.seed()), "--posts-per-hour", "600",
                "--flood-wait-rate", "0.4", "--flood-wait-max", "30", "--peer-flood-rate", "0.02",
                "--forbidden-chat", Long.toString(FORBIDDEN_CHANNEL), "--state", stateFile.toString());
        if (started.awaitHealthy(COME_BACK_WITHIN).isEmpty()) {
            throw new IllegalStateException("the sandbox did not start: " + started.logTail(30));
        }
        sandbox = started;
    }

    private void startRedis() {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.workDir().resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
        }
    }

    private List<String> writeEnvFiles() throws IOException {
        List<String> files = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, AccountLimits> account : accounts.entrySet()) {
            List<Long> allowlist = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                allowlist.add(FIRST_CHANNEL - (index + k) % CHANNELS);
            }
            allowlist.add(FORBIDDEN_CHANNEL);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("ACCOUNT_NAME", account.getKey());
            values.put("ALLOWLIST_CHAT_IDS", allowlist.toString());
            values.put("PERSONA", "a calm reader who likes numbers");
            values.put("ACTIVE_WINDOWS", "0-24");
            values.put("TIMEZONE", "UTC");
            values.putAll(account.getValue().settings());
            values.put("MAX_INSTANT_PER_CHAT_PER_HOUR", "60");
            values.put("INSTANT_COMMENT_DELAY_SECONDS", "0");
            values.put("FRESH_POST_MAX_AGE_MINUTES", "60");
            values.put("SEND_TIMEOUT_SECONDS", "10");
            values.put("SPAMBLOCK_MIN_COOLDOWN_SECONDS", "10");
            values.put("SPAMBLOCK_MAX_COOLDOWN_SECONDS", "30");
            values.put("LLM_TIMEOUT_SECONDS", "3");
            values.put("LLM_MAX_RETRIES", "1");
            Path file = settings.workDir().resolve(account.getKey() + ".env");
            Files.writeString(file, values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining()));
            files.add(file.toString());
            index++;
        }
        return files;
    }

    private Map<String, String> serveEnvironment(TestDatabase db, OpenAiTestServer llm) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_API_ID", "123456");
        env.put("TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef");
        env.put("TELEGRAM_SANDBOX_URL", "http://127.0.0.1:" + sandboxPort);
        env.put("POSTGRES_DSN", db.dsn().jdbcUrl());
        env.put("REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
        env.put("OPENAI_BASE_URL", llm.baseUrl().toString());
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(servePort));
        env.put("DATA_DIR", settings.workDir().resolve("data").toString());
        env.put("FLEET_MAX_ACCOUNTS_PER_POST", Integer.toString(FLEET_MAX_ACCOUNTS_PER_POST));
        env.put("FLEET_MIN_GAP_SECONDS", "1");
        return env;
    }

    private void stopAll() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.kill();
        }
        if (sandbox != null) {
            sandbox.stop(Duration.ofSeconds(20));
        }
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }
}
