package dev.marketolog.bench.scale;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sandbox.SandboxJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code serve} with a thousand sandbox accounts in one process: launch to the first 200 from {@code /health}, the JVM's
 * RSS, its threads by kind, and its CPU at steady state. Writes ACCOUNTS {@code .env} files (15 of 20 channels each,
 * default limits, windows all day so that every account works), starts a {@code marketolog sandbox} process (6 posts
 * per channel and hour), the LLM test server in this process, a database of its own on TEST_POSTGRES_URL (else an
 * embedded one), and {@code serve} from {@code target/marketolog.jar} (build it first: {@code mvn -o package
 * -DskipTests}). {@code bench/run ThousandAccountsBench [ACCOUNTS] [STEADY_SECONDS] [SETTLE_SECONDS]} (defaults 1000,
 * 120 and 480: the CPU is measured over STEADY_SECONDS that begin SETTLE_SECONDS after the first 200). With the default
 * pacing nothing is commented in the first minutes: a new post is commented INSTANT_COMMENT_DELAY_SECONDS (300) after it
 * appears, and the scheduler's first look comes at least an hour over MESSAGES_PER_HOUR (7.5 min) after the start; so
 * the default settling time reaches past both, and the window's comments, LLM requests and database transactions are
 * reported with its CPU (the statistics PostgreSQL sends every half second or so: a count is that much late).
 * With {@code BENCH_JFR=FILE} in the environment a flight recording of the steady window is written to FILE.
 */
public final class ThousandAccountsBench {

    private static final Path JAR = Path.of("target/marketolog.jar");
    private static final int CHANNELS = 20;
    private static final int CHANNELS_PER_ACCOUNT = 15;
    private static final long FIRST_CHANNEL = -1002000000001L;
    /** USER_HZ, the unit of /proc/PID/stat times: 100 on Linux x86-64 (getconf CLK_TCK). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int steadySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        // after the first 200: every account takes its lease, prepares its channels and reads its first posts
        Duration settle = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 480);
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it first with mvn -o package -DskipTests");
        }
        Path workDir = Files.createTempDirectory("thousand-accounts");
        int sandboxPort = JarProcess.freePort();
        int servePort = JarProcess.freePort();
        JarProcess sandbox = JarProcess.start(JAR, workDir, Map.of(), sandboxPort, workDir.resolve("sandbox.log"),
                "sandbox", "--port", Integer.toString(sandboxPort), "--channels", Integer.toString(CHANNELS));
        try (OpenAiTestServer llm = OpenAiTestServer.start(); TestDatabase db = TestDatabase.create()) {
            if (sandbox.awaitHealthy(Duration.ofSeconds(60)).isEmpty()) {
                throw new IllegalStateException("the sandbox did not start: " + sandbox.logTail(20));
            }
            List<String> arguments = new ArrayList<>();
            for (Path file : writeEnvFiles(workDir, accounts)) {
                arguments.addAll(List.of("--env-file", file.toString()));
            }
            Map<String, String> environment = Map.of(
                    "TELEGRAM_API_ID", "123456",
                    "TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef",
                    "TELEGRAM_SANDBOX_URL", "http://127.0.0.1:" + sandboxPort,
                    "POSTGRES_DSN", db.dsn().jdbcUrl(),
                    "OPENAI_BASE_URL", llm.baseUrl().toString(),
                    "HTTP_HOST", "127.0.0.1",
                    "HTTP_PORT", Integer.toString(servePort),
                    "DATA_DIR", workDir.resolve("data").toString());
            System.out.printf("%,d accounts, load average %s before the start%n", accounts, loadAverage());
            JarProcess serve = JarProcess.start(JAR, workDir, environment, servePort, workDir.resolve("serve.log"),
                    arguments.toArray(String[]::new));
            try {
                Duration healthy = serve.awaitHealthy(Duration.ofMinutes(5))
                        .orElseThrow(() -> new IllegalStateException("serve did not answer 200: " + serve.logTail(30)));
                long pid = serve.pid();
                System.out.printf("launch to the first 200 from /health: %.1f s (CPU %.1f s, load %s); RSS %d MB, %d threads%n",
                        healthy.toMillis() / 1e3, cpu(pid).total(), loadAverage(), residentMegabytes(pid), threads(pid));

                Thread.sleep(settle);
                Optional<String> recording = Optional.ofNullable(System.getenv("BENCH_JFR"));
                if (recording.isPresent()) {
                    jcmd(pid, "JFR.start", "name=steady", "settings=profile", "filename=" + Path.of(recording.get()).toAbsolutePath());
                }
                Cpu cpuBefore = cpu(pid);
                long transactionsBefore = transactions(db);
                int llmBefore = llm.chatRequestCount();
                Instant windowStart = Instant.now();
                long started = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(steadySeconds));
                double wall = (System.nanoTime() - started) / 1e9;
                Instant windowEnd = Instant.now();
                Cpu cpu = cpu(pid).minus(cpuBefore);
                long transactions = transactions(db) - transactionsBefore;
                if (recording.isPresent()) {
                    jcmd(pid, "JFR.stop", "name=steady");
                }
                System.out.printf("steady state over %d s (after %d s to settle): %.1f%% of one core (%.1f s CPU: user %.1f s, sys %.1f s;"
                                + " %.2f CPU s per minute), load %s%n", steadySeconds, settle.toSeconds(), 100 * cpu.total() / wall,
                        cpu.total(), cpu.user(), cpu.system(), 60 * cpu.total() / wall, loadAverage());
                System.out.printf("the database committed %,d transactions in the window, %.1f a second (a statement run alone is one)%n",
                        transactions, transactions / wall);
                List<ReceivedComment> received = SandboxJson.mapper().readValue(sandbox.get("/inspect/comments").orElseThrow().body(),
                        new TypeReference<List<ReceivedComment>>() {});
                System.out.printf("in the steady window: %d comments reached the sandbox, %d LLM requests; %d comments since the start%n",
                        received.stream().filter(c -> !c.at().isBefore(windowStart) && c.at().isBefore(windowEnd)).count(),
                        llm.chatRequestCount() - llmBefore, received.size());
                System.out.printf("RSS %d MB, heap %s%n", residentMegabytes(pid), heap(pid));
                System.out.printf("%d threads; platform threads by kind (jcmd Thread.print):%n", threads(pid));
                threadKinds(pid).forEach((kind, count) -> System.out.printf("  %4d  %s%n", count, kind));
                System.out.printf("serve stopped with exit %d%n", serve.stop(Duration.ofSeconds(60)));
            } finally {
                if (serve.isAlive()) {
                    serve.kill();
                }
            }
        } finally {
            sandbox.stop(Duration.ofSeconds(20));
        }
        System.out.println("logs in " + workDir);
    }

    private static List<Path> writeEnvFiles(Path workDir, int accounts) throws IOException {
        List<Path> files = new ArrayList<>();
        Path directory = Files.createDirectories(workDir.resolve("accounts"));
        for (int i = 0; i < accounts; i++) {
            List<Long> allowlist = new ArrayList<>();
            for (int k = 0; k < CHANNELS_PER_ACCOUNT; k++) {
                allowlist.add(FIRST_CHANNEL - (i + k) % CHANNELS);
            }
            Path file = directory.resolve("acc" + i + ".env");
            Files.writeString(file, """
                    ACCOUNT_NAME=acc%d
                    ALLOWLIST_CHAT_IDS=%s
                    PERSONA=a calm reader who likes numbers
                    ACTIVE_WINDOWS=0-24
                    TIMEZONE=UTC
                    """.formatted(i, allowlist.stream().map(String::valueOf).collect(Collectors.joining(","))));
            files.add(file);
        }
        return files;
    }

    /** The process's CPU time in seconds, in user mode and in the kernel. */
    private record Cpu(double user, double system) {
        double total() {
            return user + system;
        }

        Cpu minus(Cpu before) {
            return new Cpu(user - before.user, system - before.system);
        }
    }

    private static Cpu cpu(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is 0, utime 11, stime 12
        return new Cpu(Long.parseLong(fields[11]) / (double) CLOCK_TICKS_PER_SECOND, Long.parseLong(fields[12]) / (double) CLOCK_TICKS_PER_SECOND);
    }

    /** The transactions committed or rolled back in the database so far, as PostgreSQL counts them (every session's). */
    private static long transactions(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long residentMegabytes(long pid) throws IOException {
        return statusField(pid, "VmRSS:") / 1024;
    }

    private static long threads(long pid) throws IOException {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).strip().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow();
    }

    /** Platform threads grouped by name with their numbers taken out ("ForkJoinPool-1-worker-3" -> "ForkJoinPool-#-worker-#"). */
    private static Map<String, Integer> threadKinds(long pid) throws IOException, InterruptedException {
        Map<String, Integer> kinds = new TreeMap<>();
        for (String line : jcmd(pid, "Thread.print")) {
            if (line.startsWith("\"")) {
                String name = line.substring(1, line.indexOf('"', 1));
                kinds.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return kinds;
    }

    private static String heap(long pid) throws IOException, InterruptedException {
        return jcmd(pid, "GC.heap_info").stream().filter(line -> line.contains("total") && line.contains("used"))
                .map(String::strip).findFirst().orElse("?");
    }

    private static List<String> jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        List<String> lines = new String(jcmd.getInputStream().readAllBytes()).lines().toList();
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return lines;
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
