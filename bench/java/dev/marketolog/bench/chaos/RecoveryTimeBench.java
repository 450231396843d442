package dev.marketolog.bench.chaos;

import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long serve takes to come back after a SIGKILL (launch to the first 200 from /health) with its embedded
 * PostgreSQL in DATA_DIR and with an external one (TEST_POSTGRES_URL, else one this JVM starts), one sandbox account:
 * {@code bench/run RecoveryTimeBench [kills per mode]} (default 5). Needs target/marketolog.jar.
 */
public final class RecoveryTimeBench {

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Path.of("target/marketolog.jar");
        Path workDir = Files.createTempDirectory("recovery");
        int sandboxPort = JarProcess.freePort();
        JarProcess sandbox = JarProcess.start(jar, workDir, Map.of(), sandboxPort, workDir.resolve("sandbox.log"),
                "sandbox", "--port", Integer.toString(sandboxPort), "--posts-per-hour", "60");
        try (OpenAiTestServer llm = OpenAiTestServer.start(); TestDatabase db = TestDatabase.create()) {
            if (sandbox.awaitHealthy(Duration.ofSeconds(90)).isEmpty()) {
                throw new IllegalStateException("the sandbox did not start: " + sandbox.logTail(20));
            }
            for (Optional<String> dsn : List.of(Optional.<String>empty(), Optional.of(db.dsn().jdbcUrl()))) {
                Map<String, String> env = new HashMap<>(Map.of(
                        "TELEGRAM_API_ID", "123456",
                        "TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef",
                        "TELEGRAM_SANDBOX_URL", "http://127.0.0.1:" + sandboxPort,
                        "ALLOWLIST_CHAT_IDS", "[-1001000000001]",
                        "ACTIVE_WINDOWS", "0-24",
                        "OPENAI_BASE_URL", llm.baseUrl().toString(),
                        "DATA_DIR", workDir.resolve(dsn.isPresent() ? "data-external" : "data-embedded").toString()));
                dsn.ifPresent(url -> env.put("POSTGRES_DSN", url));
                System.out.printf("%s PostgreSQL: %s%n", dsn.isPresent() ? "external" : "embedded", measure(jar, workDir, env, kills));
            }
        } finally {
            sandbox.stop(Duration.ofSeconds(20));
        }
    }

    private static String measure(Path jar, Path workDir, Map<String, String> env, int kills) throws InterruptedException {
        int port = JarProcess.freePort();
        env.put("HTTP_PORT", Integer.toString(port));
        List<Duration> recoveries = new ArrayList<>();
        JarProcess serve = launch(jar, workDir, env, port);
        Duration first = serve.awaitHealthy(Duration.ofSeconds(180)).orElseThrow(() -> new IllegalStateException("no first start"));
        for (int i = 0; i < kills; i++) {
            Thread.sleep(3_000);
            serve.kill();
            serve = launch(jar, workDir, env, port);
            JarProcess current = serve;
            recoveries.add(serve.awaitHealthy(Duration.ofSeconds(180))
                    .orElseThrow(() -> new IllegalStateException("serve did not come back: " + current.logTail(30))));
        }
        serve.stop(Duration.ofSeconds(30));
        List<Long> millis = recoveries.stream().map(Duration::toMillis).sorted().toList();
        return String.format("first start %d ms; after SIGKILL (%d): median %d ms, slowest %d ms, all %s (load %s)",
                first.toMillis(), kills, millis.get(millis.size() / 2), millis.getLast(), millis, load());
    }

    private static JarProcess launch(Path jar, Path workDir, Map<String, String> env, int port) {
        return JarProcess.start(jar, workDir, env, port, workDir.resolve("serve-" + port + ".log"), "serve");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
