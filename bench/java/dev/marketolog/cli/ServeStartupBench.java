package dev.marketolog.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long {@code bin/marketolog} takes from launch to the first 200 from {@code /health} on embedded defaults (no
 * POSTGRES_DSN, no REDIS_URL), on a fresh DATA_DIR and then on the same one again, and the idle process RSS.
 * Run from the installation: {@code bench/run ServeStartupBench [idle-seconds]} (default 10); the jar is built first
 * when it is stale, outside the measurement.
 */
public final class ServeStartupBench {

    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    /** USER_HZ, the unit of /proc/PID/stat times: 100 on Linux x86-64 (getconf CLK_TCK). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path launcher = Path.of("bin/marketolog").toAbsolutePath();
        // builds target/marketolog.jar when it is missing or stale, so the runs below measure a start only
        run(new ProcessBuilder(launcher.toString(), "--version").inheritIO());

        Path workDir = Files.createTempDirectory("serve-startup-bench");
        for (String label : List.of("first start (fresh DATA_DIR)", "second start (same DATA_DIR)")) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(launcher.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("serve.log").toFile());
            builder.environment().putAll(Map.of(
                    "TELEGRAM_API_ID", "123456",
                    "TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef",
                    "HTTP_PORT", Integer.toString(port),
                    "DATA_DIR", workDir.resolve("data").toString()));
            builder.environment().remove("POSTGRES_DSN");
            builder.environment().remove("REDIS_URL");

            long launched = System.nanoTime();
            Process serve = builder.start();
            awaitHealthy(serve, port);
            long healthyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
            long cpuMillis = cpuMillis(serve.pid());

            Thread.sleep(Duration.ofSeconds(idleSeconds));
            long rssKb = residentKilobytes(serve.pid());

            long stopping = System.nanoTime();
            serve.destroy();
            boolean exited = serve.waitFor(60, TimeUnit.SECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            System.out.printf(
                    "%s: first 200 from /health after %d ms (CPU %d ms, load %s); RSS after %d s idle %d MB; SIGTERM -> %s in %d ms%n",
                    label, healthyMillis, cpuMillis, loadAverage(), idleSeconds, rssKb / 1024,
                    exited ? "exit " + serve.exitValue() : "still running", stopMillis);
            serve.destroyForcibly();
        }
    }

    private static void awaitHealthy(Process serve, int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve ended with exit " + serve.exitValue() + " before answering /health");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notListeningYet) {
                // keep polling
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no 200 from /health within " + GIVE_UP);
    }

    /**
     * CPU time of the process and of the children it waited for (initdb, pg_ctl), from /proc/PID/stat: on a shared
     * machine it says more than the wall time, which depends on everyone else's load.
     */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name in parentheses; utime, stime, cutime, cstime are fields 14-17 (1-based)
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** The one-minute load average. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** VmRSS of the process, as {@code ps -o rss} shows it. */
    private static long residentKilobytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " exited with " + exit);
        }
    }
}
