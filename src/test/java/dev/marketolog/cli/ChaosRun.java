package dev.marketolog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import dev.marketolog.store.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crash and fault harness: a real sandbox process, a PostgreSQL outside serve, a Redis of its own and the LLM test
 * server around {@code serve} as a real process (target/marketolog.jar) with six accounts on tight settings; serve is
 * SIGKILLed at random moments (during its start and during sends) and restarted, while the parts around it fail. At the
 * end the sandbox's record is checked against the journal. {@code ChaosIT} runs it CI-sized, {@code ChaosBench} by hand.
 */
final class ChaosRun {

    static final long FORBIDDEN = -1002000000003L;
    static final long SLOW = -1002000000004L;
    private static final List<Long> CHANNELS = SandboxCommand.generatedChannels(6);
    private static final int MIN_INTERVAL = 8;
    private static final int CHAT_INTERVAL = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern METRIC = Pattern.compile("^marketolog_comments_skipped_total\\{account=\"([^\"]+)\",reason=\"([^\"]+)\"} ([0-9.]+)", Pattern.MULTILINE);

    /** One account's limits: three bite the daily cap, three the hourly one. */
    record Account(String name, int perDay, int perHour, List<Long> allowlist) {}

    static final List<Account> ACCOUNTS = List.of(
            new Account("d1", 3, 20, List.of(CHANNELS.get(0), CHANNELS.get(1), FORBIDDEN)),
            new Account("d2", 3, 20, List.of(CHANNELS.get(1), CHANNELS.get(2), SLOW)),
            new Account("d3", 3, 20, List.of(CHANNELS.get(0), CHANNELS.get(4), CHANNELS.get(5))),
            new Account("h1", 200, 2, List.of(CHANNELS.get(0), CHANNELS.get(1), FORBIDDEN)),
            new Account("h2", 200, 2, List.of(CHANNELS.get(2), CHANNELS.get(4), SLOW)),
            new Account("h3", 200, 2, List.of(CHANNELS.get(1), CHANNELS.get(5), CHANNELS.get(0))));

    /** What the run did and found; a correct serve has no violations, nothing lost and nothing doubled. */
    record Summary(int kills, int killsDuringStart, Map<String, Integer> faults, int comments, Map<String, Long> denials,
            List<String> violations, int lost, int doubled, int sentNeverReceived, int restarts, Duration slowestRecovery,
            boolean commentedAfterFaults) {

        String table() {
            StringBuilder t = new StringBuilder();
            t.append(String.format("%-34s %s%n", "kills (SIGKILL)", kills + " (" + killsDuringStart + " during start)"));
            t.append(String.format("%-34s %d%n", "restarts reaching /health 200", restarts));
            t.append(String.format("%-34s %.1f s%n", "slowest recovery (launch to 200)", slowestRecovery.toMillis() / 1000.0));
            faults.forEach((k, v) -> t.append(String.format("%-34s %d%n", "fault: " + k, v)));
            t.append(String.format("%-34s %d%n", "comments received by the sandbox", comments));
            denials.forEach((k, v) -> t.append(String.format("%-34s %d%n", "denials: " + k, v)));
            t.append(String.format("%-34s %d%n", "violations", violations.size()));
            t.append(String.format("%-34s %d%n", "lost (received, no journal row)", lost));
            t.append(String.format("%-34s %d%n", "journal sent, never received", sentNeverReceived));
            t.append(String.format("%-34s %d%n", "doubled (post with 2 comments)", doubled));
            t.append(String.format("%-34s %s%n", "commented again after the faults", commentedAfterFaults));
            violations.stream().limit(20).forEach(v -> t.append("  ").append(v).append('\n'));
            return t.toString();
        }
    }

    private final Path dir;
    private final Path jar = Path.of(System.getProperty("marketolog.jar", "target/marketolog.jar")).toAbsolutePath();
    private final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Random random;
    private final AtomicReference<String> llmMode = new AtomicReference<>("ok");
    private final Map<String, Integer> faults = new LinkedHashMap<>();
    private final Map<String, Long> denials = new TreeMap<>();
    private int sandboxPort;
    private Process sandbox;
    private int redisPort;
    private Process redis;

    ChaosRun(Path dir, long seed) {
        this.dir = dir;
        this.random = new Random(seed);
    }

    /** Runs until {@code kills} SIGKILLs are done, then lets serve run without faults until it comments again. */
    Summary run(int kills) throws Exception {
        try (TestDatabase db = TestDatabase.create(); OpenAiTestServer llm = OpenAiTestServer.start()) {
            llm.respondWith(request -> switch (llmMode.get()) {
                case "500" -> Reply.error(500, "chaos", "server_error", null);
                case "timeout" -> Reply.answer(OpenAiTestServer.DEFAULT_ANSWER).delayedBy(Duration.ofSeconds(8));
                case "stall" -> Reply.answer(OpenAiTestServer.DEFAULT_ANSWER).withBodyStalledFor(Duration.ofSeconds(8));
                default -> Reply.answer("Комментарий номер " + random.nextInt(1_000_000) + ", интересный пост, спасибо.");
            });
            sandboxPort = ServeEnvironment.freePort();
            startSandbox();
            redisPort = ServeEnvironment.freePort();
            startRedis();
            List<Path> envFiles = writeAccounts();
            int httpPort = ServeEnvironment.freePort();
            Map<String, String> env = Map.of("POSTGRES_DSN", db.dsn().jdbcUrl(), "REDIS_URL", "redis://127.0.0.1:" + redisPort,
                    "TELEGRAM_SANDBOX_URL", "http://127.0.0.1:" + sandboxPort, "HTTP_PORT", String.valueOf(httpPort),
                    "DATA_DIR", dir.resolve("data").toString(), "OPENAI_BASE_URL", llm.baseUrl().toString(),
                    "FLEET_MIN_GAP_SECONDS", "0", "LLM_TIMEOUT_SECONDS", "3", "LLM_MAX_RETRIES", "1");
            int done = 0;
            int duringStart = 0;
            int restarts = 0;
            Duration slowest = Duration.ZERO;
            while (done < kills) {
                Instant launched = Instant.now();
                Process serve = startServe(envFiles, env, done);
                // a third of the kills land in the start (launch to /health takes 2-16 s here), the rest while it sends
                long lifeMillis = 500 + random.nextLong(30_000);
                Instant killAt = launched.plusMillis(lifeMillis);
                boolean healthy = false;
                while (Instant.now().isBefore(killAt)) {
                    if (!healthy && health(httpPort)) {
                        healthy = true;
                        restarts++;
                        Duration recovery = Duration.between(launched, Instant.now());
                        slowest = recovery.compareTo(slowest) > 0 ? recovery : slowest;
                    }
                    if (healthy) {
                        scrapeDenials(httpPort);
                    }
                    maybeFault(db, healthy ? 0.08 : 0.01);
                    Thread.sleep(healthy ? 1000 : 100);
                }
                serve.destroyForcibly(); // SIGKILL
                serve.waitFor(30, TimeUnit.SECONDS);
                done++;
                duringStart += healthy ? 0 : 1;
                mergeScraped();
            }
            endFaults();
            int before = received().size();
            Instant launched = Instant.now();
            Process serve = startServe(envFiles, env, done);
            boolean commentedAgain = false;
            while (Duration.between(launched, Instant.now()).compareTo(Duration.ofSeconds(90)) < 0 && !commentedAgain) {
                if (health(httpPort)) {
                    scrapeDenials(httpPort);
                }
                commentedAgain = received().size() > before;
                Thread.sleep(1000);
            }
            scrapeDenials(httpPort);
            mergeScraped();
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            return check(db, done, duringStart, restarts, slowest, commentedAgain);
        } finally {
            if (sandbox != null) {
                sandbox.destroy();
                sandbox.waitFor(30, TimeUnit.SECONDS);
            }
            if (redis != null) {
                redis.destroyForcibly();
            }
        }
    }

    private List<Path> writeAccounts() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Account account : ACCOUNTS) {
            files.add(Files.writeString(dir.resolve(".env." + account.name()), """
                    ACCOUNT_NAME=%s
                    ALLOWLIST_CHAT_IDS=%s
                    TELEGRAM_API_ID=1
                    TELEGRAM_API_HASH=00000000000000000000000000000000
                    TIMEZONE=UTC
                    ACTIVE_WINDOWS=0-24
                    MESSAGES_PER_DAY=%d
                    MESSAGES_PER_HOUR=%d
                    MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS=%d
                    MIN_INTERVAL_PER_CHAT_SECONDS=%d
                    MAX_INSTANT_PER_CHAT_PER_HOUR=20
                    INSTANT_COMMENT_DELAY_SECONDS=1
                    FRESH_POST_MAX_AGE_MINUTES=30
                    SEND_TIMEOUT_SECONDS=10
                    SPAMBLOCK_MIN_COOLDOWN_SECONDS=20
                    SPAMBLOCK_MAX_COOLDOWN_SECONDS=60
                    """.formatted(account.name(), account.allowlist().toString().replaceAll("[\\[\\] ]", ""), account.perDay(),
                    account.perHour(), MIN_INTERVAL, CHAT_INTERVAL)));
        }
        return files;
    }

    private Process startServe(List<Path> envFiles, Map<String, String> env, int run) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve"));
        envFiles.forEach(file -> command.addAll(List.of("--env-file", file.toString())));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Files.writeString(dir.resolve("serve.log"), "=== run " + run + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return builder.start();
    }

    private void startSandbox() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaBin.toString(), "-jar", jar.toString(), "sandbox", "--port", String.valueOf(sandboxPort),
                "--seed", "7", "--channels", "6", "--posts-per-hour", "120", "--flood-wait-rate", "0.08", "--flood-wait-max", "20",
                "--peer-flood-rate", "0.02", "--delete-rate", "0.05", "--forbidden-chat", String.valueOf(FORBIDDEN),
                "--slow-mode-chat", SLOW + ":30", "--state", dir.resolve("sandbox.json").toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sandbox.log").toFile()));
        builder.environment().clear();
        sandbox = builder.start();
        Instant giveUp = Instant.now().plusSeconds(60);
        while (!answers("http://127.0.0.1:" + sandboxPort + "/health")) {
            if (Instant.now().isAfter(giveUp) || !sandbox.isAlive()) {
                throw new IllegalStateException("the sandbox did not start; see " + dir.resolve("sandbox.log"));
            }
            Thread.sleep(200);
        }
    }

    private void startRedis() throws IOException {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Now and then, one fault: its database connections cut, its Redis down or back, the LLM failing, the sandbox away. */
    private void maybeFault(TestDatabase db, double probability) throws Exception {
        if (random.nextDouble() > probability) {
            return;
        }
        switch (random.nextInt(6)) {
            case 0 -> {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
                            + " and pid <> pg_backend_pid()");
                }
                count("postgres connections terminated");
            }
            case 1 -> {
                if (redis.isAlive()) {
                    redis.destroyForcibly();
                    count("redis stopped");
                } else {
                    startRedis();
                    count("redis restarted");
                }
            }
            case 2, 3 -> {
                String mode = List.of("500", "timeout", "stall", "ok").get(random.nextInt(4));
                llmMode.set(mode);
                count("llm " + mode);
            }
            case 4 -> {
                if (!faults.containsKey("sandbox unreachable 30 s")) {
                    sandbox.destroy();
                    sandbox.waitFor(30, TimeUnit.SECONDS);
                    count("sandbox unreachable 30 s");
                    Thread.sleep(30_000);
                    startSandbox();
                }
            }
            default -> {}
        }
    }

    private void endFaults() throws IOException {
        llmMode.set("ok");
        if (!redis.isAlive()) {
            startRedis();
        }
    }

    private void count(String fault) {
        faults.merge(fault, 1, Integer::sum);
    }

    /** The skip counters of the serve running now, by reason; merged into the totals when it dies. */
    private final Map<String, Long> scraped = new HashMap<>();

    private void scrapeDenials(int port) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Long> now = new HashMap<>();
            Matcher m = METRIC.matcher(body);
            while (m.find()) {
                now.merge(m.group(2), (long) Double.parseDouble(m.group(3)), Long::sum);
            }
            now.forEach((reason, n) -> scraped.merge(reason, n, Math::max));
        } catch (IOException | InterruptedException e) {
            // a serve being killed or starting: the last scrape counts
        }
    }

    private void mergeScraped() {
        scraped.forEach((reason, n) -> denials.merge(reason, n, Long::sum));
        scraped.clear();
    }

    private boolean health(int port) {
        return answers("http://127.0.0.1:" + port + "/health");
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private JsonNode inspect(String what) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandboxPort + "/inspect/" + what))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private List<JsonNode> received() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        inspect("comments").forEach(all::add);
        return all;
    }

    /** The sandbox's record against the journal and the limits. */
    private Summary check(TestDatabase db, int kills, int duringStart, int restarts, Duration slowest, boolean again)
            throws Exception {
        List<JsonNode> comments = received();
        JsonNode refusals = inspect("refusals");
        List<String> violations = new ArrayList<>();
        JsonNode counted = inspect("violations");
        counted.fieldNames().forEachRemaining(name -> {
            if (counted.get(name).asInt() > 0) {
                violations.add("sandbox counted " + name + " = " + counted.get(name).asInt());
            }
        });
        Map<String, List<Instant>> byAccount = new HashMap<>();
        Map<String, Integer> perPost = new HashMap<>();
        Map<String, Instant> lastInChat = new HashMap<>();
        for (JsonNode c : comments) {
            String account = c.get("account").asText();
            Instant at = Instant.parse(c.get("at").asText());
            String chat = account + " " + c.get("channel_id").asLong();
            Instant previousInChat = lastInChat.put(chat, at);
            if (previousInChat != null && Duration.between(previousInChat, at).toSeconds() < CHAT_INTERVAL - 1) {
                violations.add(chat + ": per-chat interval " + Duration.between(previousInChat, at) + " at " + at);
            }
            byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(at);
            perPost.merge(c.get("channel_id").asLong() + "/" + c.get("post_id").asLong(), 1, Integer::sum);
        }
        for (Account account : ACCOUNTS) {
            List<Instant> times = byAccount.getOrDefault(account.name(), List.of()).stream().sorted().toList();
            Map<Object, Integer> perDay = new HashMap<>();
            for (int i = 0; i < times.size(); i++) {
                Instant t = times.get(i);
                long inHour = times.stream().filter(x -> !x.isBefore(t) && x.isBefore(t.plus(Duration.ofHours(1)))).count();
                if (inHour > account.perHour()) {
                    violations.add(account.name() + ": " + inHour + " in the hour from " + t);
                }
                perDay.merge(t.atZone(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
                if (i > 0 && Duration.between(times.get(i - 1), t).toSeconds() < MIN_INTERVAL - 1) {
                    violations.add(account.name() + ": interval " + Duration.between(times.get(i - 1), t) + " at " + t);
                }
            }
            perDay.forEach((day, n) -> {
                if (n > account.perDay()) {
                    violations.add(account.name() + ": " + n + " on " + day);
                }
            });
        }
        for (JsonNode r : refusals) {
            String account = r.get("account").asText();
            Instant at = Instant.parse(r.get("at").asText());
            String type = r.get("error").get("type").asText();
            long channel = r.get("channel_id").asLong();
            Instant until = type.equals("flood_wait") ? at.plusSeconds(r.get("error").get("seconds").asLong()) : Instant.MAX;
            if (type.equals("flood_wait") || type.equals("channel_closed")) {
                for (JsonNode c : comments) {
                    Instant cAt = Instant.parse(c.get("at").asText());
                    boolean sameTarget = type.equals("flood_wait") || c.get("channel_id").asLong() == channel;
                    if (c.get("account").asText().equals(account) && sameTarget && cAt.isAfter(at) && cAt.isBefore(until)) {
                        violations.add(account + ": comment at " + cAt + " after " + type + " at " + at);
                    }
                }
            }
        }
        int doubled = (int) perPost.values().stream().filter(n -> n > 1).count();
        Map<String, String> journal = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select account, channel_id, post_id, status from comment")) {
            while (rows.next()) {
                String key = rows.getString(1) + " " + rows.getLong(2) + "/" + rows.getLong(3);
                String status = rows.getString(4);
                if (status.equals("sent") || status.equals("unknown") || !journal.containsKey(key)) {
                    journal.put(key, status);
                }
            }
        }
        Set<String> receivedKeys = new HashSet<>();
        int lost = 0;
        for (JsonNode c : comments) {
            String key = c.get("account").asText() + " " + c.get("channel_id").asLong() + "/" + c.get("post_id").asLong();
            receivedKeys.add(key);
            String status = journal.get(key);
            if (!"sent".equals(status) && !"unknown".equals(status)) {
                lost++;
                violations.add("received without a sent/unknown journal row: " + key + " (" + status + ")");
            }
        }
        int sentNeverReceived = 0;
        for (Map.Entry<String, String> row : journal.entrySet()) {
            if (row.getValue().equals("sent") && !receivedKeys.contains(row.getKey())) {
                sentNeverReceived++;
                violations.add("journal says sent, the sandbox never received: " + row.getKey());
            }
        }
        return new Summary(kills, duringStart, faults, comments.size(), denials, violations, lost, doubled, sentNeverReceived,
                restarts, slowest, again);
    }
}
