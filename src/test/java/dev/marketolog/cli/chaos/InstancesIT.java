package dev.marketolog.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Refusal;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sandbox.SandboxJson;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code serve} processes share 30 sandbox accounts through one PostgreSQL: the accounts spread evenly once
 * the instances have joined, a SIGKILLed instance's accounts run elsewhere within LEASE_SECONDS plus a renewal period,
 * a SIGTERMed one's within seconds; the sandbox's record shows no broken limit, no doubled comment and no account sent
 * from two instances at once. The times it measured are printed; the README's "Scaling out" quotes them.
 */
class InstancesIT {

    private static final int ACCOUNTS = 30;
    private static final int CHANNELS = 6;
    private static final long FIRST_CHANNEL = -1001000000001L;
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** A renewal comes every two fifths of the lease. */
    private static final Duration RENEWAL = LEASE.multipliedBy(2).dividedBy(5);
    /** What a loaded machine adds to a takeover: the balancing round that notices (5 s) and the account's start. */
    private static final Duration SLACK = Duration.ofSeconds(15);
    private static final Duration START_WITHIN = Duration.ofSeconds(120);
    private static final AccountLimits LIMITS = new AccountLimits(30, 200, Duration.ofSeconds(20), Duration.ofSeconds(40));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = SandboxJson.mapper();
    private static final String ADMIN_TOKEN = "5b1e9c7a3d2f4e6a8c0b1d3f5e7a9c2b";

    @TempDir
    Path workDir;

    private final Path jar = Path.of(System.getProperty("marketolog.jar"));
    private final List<JarProcess> started = new ArrayList<>();

    @Test
    void threeInstancesShareThirtyAccountsAndTakeOverAKilledAndAStoppedOne() throws Exception {
        try (TestDatabase db = TestDatabase.create(); OpenAiTestServer llm = OpenAiTestServer.start().respondWith(request -> ChaosRun.answer())) {
            try {
                int sandboxPort = JarProcess.freePort();
                JarProcess sandbox = start(Map.of(), sandboxPort, "sandbox", "sandbox", "--port", Integer.toString(sandboxPort),
                        "--seed", "13", "--posts-per-hour", "600");
                assertThat(sandbox.awaitHealthy(START_WITHIN)).as(sandbox.logTail(30)).isPresent();
                List<String> envFiles = writeEnvFiles();

                JarProcess first = serve("a", db, llm, sandboxPort, envFiles);
                assertThat(first.awaitHealthy(START_WITHIN)).as(first.logTail(30)).isPresent();
                awaitRunning(Map.of("a", first), counts -> counts.get("a") == ACCOUNTS, Duration.ofSeconds(60));

                JarProcess second = serve("b", db, llm, sandboxPort, envFiles);
                JarProcess third = serve("c", db, llm, sandboxPort, envFiles);
                assertThat(second.awaitHealthy(START_WITHIN)).as(second.logTail(30)).isPresent();
                assertThat(third.awaitHealthy(START_WITHIN)).as(third.logTail(30)).isPresent();
                Instant joined = Instant.now(); // both answer /health: their balancers run
                Map<String, JarProcess> three = Map.of("a", first, "b", second, "c", third);
                Map<String, Integer> spread = awaitRunning(three, counts -> evenly(counts, 3), Duration.ofSeconds(90));
                Duration toSpread = Duration.between(joined, Instant.now());
                Set<String> ids = Set.of(instanceId(first), instanceId(second), instanceId(third));
                // the console of any instance shows all three, live, each with the accounts it runs
                JsonNode board = instancesBoard(first);
                assertThat(board.get("instances")).extracting(i -> i.get("id").asText()).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(board.get("instances")).allSatisfy(i -> assertThat(i.get("live").asBoolean()).isTrue());
                Map<String, Integer> leases = new HashMap<>();
                board.get("instances").forEach(i -> leases.put(i.get("id").asText(), i.get("running_count").asInt()));
                assertThat(evenly(leases, 3)).as("the leases the console shows are spread evenly: %s", leases).isTrue();
                await("comments from all three").atMost(WAIT).pollInterval(POLL).until(() ->
                        comments(sandbox).stream().map(ReceivedComment::instance).collect(Collectors.toSet()).equals(ids));

                String killedId = instanceId(first);
                first.kill();
                Instant killed = Instant.now();
                Map<String, JarProcess> two = Map.of("b", second, "c", third);
                awaitRunning(two, counts -> total(counts) == ACCOUNTS, LEASE.plus(RENEWAL).plus(SLACK).plus(Duration.ofSeconds(30)));
                Duration afterKill = Duration.between(killed, Instant.now());
                JsonNode afterKillBoard = instancesBoard(second);
                assertThat(afterKillBoard.get("instances")).filteredOn(i -> i.get("id").asText().equals(killedId))
                        .singleElement().satisfies(dead -> {
                            assertThat(dead.get("live").asBoolean()).as("the killed instance is counted out").isFalse();
                            assertThat(dead.get("running")).as("its leases expired").isEmpty();
                        });
                awaitCommentAfter(sandbox, Instant.now());

                assertThat(second.stop(Duration.ofSeconds(30))).as(second.logTail(30)).isZero();
                Instant stopped = Instant.now();
                awaitRunning(Map.of("c", third), counts -> counts.get("c") == ACCOUNTS, Duration.ofSeconds(60));
                Duration afterStop = Duration.between(stopped, Instant.now());
                awaitCommentAfter(sandbox, Instant.now());
                assertThat(third.stop(Duration.ofSeconds(30))).as(third.logTail(30)).isZero();

                List<ReceivedComment> received = comments(sandbox);
                List<Refusal> refusals = inspect(sandbox, "/inspect/refusals", new TypeReference<>() {});
                Map<String, AccountLimits> limits = new LinkedHashMap<>();
                accountNames().forEach(account -> limits.put(account, LIMITS));
                ChaosChecks.Verdict verdict = ChaosChecks.check(received, refusals, ChaosRun.journal(db), limits, 1);
                List<String> twoAtOnce = sentFromTwoInstancesAtOnce(received, epochs(db));
                System.out.printf("instances: %d accounts; after the join %s per instance within %.1f s of both answering"
                        + " /health; after SIGKILL all running again in %.1f s (LEASE_SECONDS=%d); after SIGTERM in %.1f s;"
                        + " comments per instance %s%n", ACCOUNTS, spread, toSpread.toMillis() / 1000.0,
                        afterKill.toMillis() / 1000.0, LEASE.toSeconds(), afterStop.toMillis() / 1000.0,
                        received.stream().collect(Collectors.groupingBy(ReceivedComment::instance, Collectors.counting())).values());

                assertThat(verdict.violations()).isEmpty();
                assertThat(verdict.doubled()).isEmpty();
                assertThat(verdict.lost()).isEmpty();
                assertThat(twoAtOnce).isEmpty();
                assertThat(received.stream().map(ReceivedComment::instance).distinct()).as("every instance commented").hasSize(3);
                assertThat(afterKill).as("a dead instance's accounts run elsewhere within LEASE_SECONDS plus a renewal period")
                        .isLessThan(LEASE.plus(RENEWAL).plus(SLACK));
                assertThat(afterStop).as("a stopped instance's accounts run elsewhere within seconds").isLessThan(SLACK);
            } finally {
                for (JarProcess process : started) {
                    if (process.isAlive()) {
                        process.kill();
                    }
                }
            }
        }
    }

    /** Each live instance runs the share or one fewer, and together they run every account. */
    private static boolean evenly(Map<String, Integer> counts, int instances) {
        int share = Math.ceilDiv(ACCOUNTS, instances);
        return total(counts) == ACCOUNTS && counts.values().stream().allMatch(n -> n >= share - 1 && n <= share);
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Polls each instance's /health for the accounts it runs until {@code done} holds for the counts; fails with the
     * last counts when it does not within {@code within}.
     */
    private static Map<String, Integer> awaitRunning(Map<String, JarProcess> instances, Predicate<Map<String, Integer>> done,
            Duration within) {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
        try {
            await().atMost(within).pollInterval(POLL).until(() -> {
                last.set(runningCounts(instances));
                return last.get().size() == instances.size() && done.test(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the accounts did not settle within " + within + ": last seen running " + last.get(), e);
        }
        return last.get();
    }

    private static void awaitCommentAfter(JarProcess sandbox, Instant after) {
        await("a comment after " + after).atMost(WAIT).pollInterval(POLL)
                .until(() -> comments(sandbox).stream().anyMatch(comment -> comment.at().isAfter(after)));
    }

    private static String instanceId(JarProcess serve) throws IOException {
        HttpResponse<String> health = serve.get("/health").orElseThrow();
        return JSON.readTree(health.body()).get("instance").asText();
    }

    private static List<ReceivedComment> comments(JarProcess sandbox) throws IOException {
        return inspect(sandbox, "/inspect/comments", new TypeReference<>() {});
    }

    /** {@code GET /api/v1/instances} of {@code serve}'s console. */
    private static JsonNode instancesBoard(JarProcess serve) throws IOException {
        HttpResponse<String> response = serve.get("/api/v1/instances", "Authorization", "Bearer " + ADMIN_TOKEN).orElseThrow();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, Integer> runningCounts(Map<String, JarProcess> instances) {
        Map<String, Integer> counts = new HashMap<>();
        instances.forEach((name, process) -> process.get("/health").filter(r -> r.statusCode() == 200).ifPresent(response -> {
            try {
                int running = 0;
                for (JsonNode account : JSON.readTree(response.body()).get("accounts")) {
                    running += account.get("state").asText().equals("running") ? 1 : 0;
                }
                counts.put(name, running);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return counts;
    }

    /**
     * Accounts whose comments, in the order the sandbox received them, went back to an earlier lease epoch, or whose one
     * epoch sent from two instances: either would mean two instances ran the account at once.
     */
    private static List<String> sentFromTwoInstancesAtOnce(List<ReceivedComment> received, Map<String, Long> epochs) {
        List<String> found = new ArrayList<>();
        received.stream().collect(Collectors.groupingBy(ReceivedComment::account)).forEach((account, comments) -> {
            long last = 0;
            Map<Long, String> senders = new HashMap<>();
            for (ReceivedComment comment : comments.stream().sorted(Comparator.comparing(ReceivedComment::at)).toList()) {
                long epoch = epochs.getOrDefault(key(comment.account(), comment.channelId(), comment.postId()), -1L);
                String earlier = senders.putIfAbsent(epoch, comment.instance());
                if (epoch < last || earlier != null && !earlier.equals(comment.instance())) {
                    found.add(account + ": comment at " + comment.at() + " from " + comment.instance() + " under lease epoch " + epoch
                            + " after epoch " + last);
                }
                last = Math.max(last, epoch);
            }
        });
        return found;
    }

    private static String key(String account, long channelId, long postId) {
        return account + "/" + channelId + "/" + postId;
    }

    private static Map<String, Long> epochs(TestDatabase db) throws SQLException {
        Map<String, Long> epochs = new HashMap<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select account, channel_id, post_id, lease_epoch from comment"
                        + " where status in ('sent', 'unknown')")) {
            while (rows.next()) {
                epochs.put(key(rows.getString(1), rows.getLong(2), rows.getLong(3)), rows.getLong(4));
            }
        }
        return epochs;
    }

    private static <T> T inspect(JarProcess sandbox, String path, TypeReference<T> type) throws IOException {
        HttpResponse<String> response = sandbox.get(path).filter(r -> r.statusCode() == 200)
                .orElseThrow(() -> new IllegalStateException("the sandbox did not answer " + path));
        return JSON.readValue(response.body(), type);
    }

    private JarProcess serve(String name, TestDatabase db, OpenAiTestServer llm, int sandboxPort, List<String> envFiles) {
        int port = JarProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_API_ID", "123456");
        env.put("TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef");
        env.put("TELEGRAM_SANDBOX_URL", "http://127.0.0.1:" + sandboxPort);
        env.put("POSTGRES_DSN", db.dsn().jdbcUrl());
        env.put("OPENAI_BASE_URL", llm.baseUrl().toString());
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("DATA_DIR", workDir.resolve("data-" + name).toString());
        env.put("LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
        env.put("FLEET_MAX_ACCOUNTS_PER_POST", "1");
        env.put("FLEET_MIN_GAP_SECONDS", "1");
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        List<String> args = new ArrayList<>(List.of("serve"));
        envFiles.forEach(file -> args.addAll(List.of("--env-file", file)));
        return start(env, port, "serve-" + name, args.toArray(String[]::new));
    }

    private JarProcess start(Map<String, String> env, int port, String log, String... args) {
        JarProcess process = JarProcess.start(jar, workDir, env, port, workDir.resolve(log + ".log"), args);
        started.add(process);
        return process;
    }

    private static List<String> accountNames() {
        return IntStream.range(0, ACCOUNTS).mapToObj(i -> "s" + i).toList();
    }

    private List<String> writeEnvFiles() throws IOException {
        List<String> files = new ArrayList<>();
        List<String> names = accountNames();
        for (int i = 0; i < names.size(); i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("ACCOUNT_NAME", names.get(i));
            values.put("ALLOWLIST_CHAT_IDS", List.of(FIRST_CHANNEL - i % CHANNELS, FIRST_CHANNEL - (i + 1) % CHANNELS).toString());
            values.put("ACTIVE_WINDOWS", "0-24");
            values.put("TIMEZONE", "UTC");
            values.putAll(LIMITS.settings());
            values.put("MAX_INSTANT_PER_CHAT_PER_HOUR", "60");
            values.put("INSTANT_COMMENT_DELAY_SECONDS", "0");
            values.put("FRESH_POST_MAX_AGE_MINUTES", "60");
            values.put("SEND_TIMEOUT_SECONDS", "10");
            Path file = workDir.resolve(names.get(i) + ".env");
            Files.writeString(file, values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                    .collect(Collectors.joining()));
            files.add(file.toString());
        }
        return files;
    }
}
