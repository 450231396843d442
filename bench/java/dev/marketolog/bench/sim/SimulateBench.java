package dev.marketolog.bench.sim;

import com.sun.management.OperatingSystemMXBean;
import dev.marketolog.cli.SimulateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * Wall and CPU time of {@code simulate --json} for many accounts, each allowlisting {@code PER_ACCOUNT} of
 * {@code CHANNELS} channels (channels i to i + PER_ACCOUNT - 1, wrapping), at the default 6 posts per channel and day.
 * {@code bench/run SimulateBench [ACCOUNTS] [CHANNELS] [PER_ACCOUNT] [DAYS] [RUNS] [FRESH]} (defaults 50 20 15 7 5 3):
 * RUNS runs in this JVM, the first of them with class loading and JIT warm-up, the later ones warm; then FRESH runs of
 * {@code bin/marketolog simulate} with the same files as fresh processes, timed by {@code /usr/bin/time} (build the
 * jar first: the script would build it in the first run), each checked to print the same JSON as the runs in this JVM.
 * The machine is shared, so the CPU time is printed next to the wall time, and the load average with both.
 */
public final class SimulateBench {

    public static void main(String[] args) throws IOException, InterruptedException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int perAccount = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int fresh = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        Path dir = Files.createTempDirectory("simulate-bench");
        List<String> command = new ArrayList<>(List.of("--days", String.valueOf(days), "--start", "2026-12-01T00:00:00+03:00", "--seed", "1", "--json"));
        for (int i = 1; i <= accounts; i++) {
            int first = i;
            String allowlist = IntStream.range(0, perAccount).mapToObj(k -> String.valueOf(-1002000000001L - (first + k) % channels))
                    .collect(Collectors.joining(","));
            Path env = Files.writeString(dir.resolve(".env.bot" + i), "ALLOWLIST_CHAT_IDS=" + allowlist + "\nTIMEZONE=Europe/Moscow\n");
            command.addAll(List.of("--env-file", env.getFileName().toString()));
        }
        Path script = Path.of("bin/marketolog").toAbsolutePath();
        System.out.printf("simulate: %d accounts x %d of %d channels x %d days; a fresh process:%n"
                + "  cd %s && /usr/bin/time -f '%%e s wall, %%U s user, %%S s system' %s simulate %s > /dev/null%n",
                accounts, perAccount, channels, days, dir, script, String.join(" ", command));
        List<String> freshCommand = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", script.toString(), "simulate"));
        freshCommand.addAll(command);
        command.replaceAll(arg -> arg.startsWith(".env.bot") ? dir.resolve(arg).toString() : arg);
        // The run is single-threaded (virtual clock): this thread's CPU is the engine's; the process's adds JIT and GC.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String expected = null;
        for (int run = 1; run <= runs; run++) {
            StringWriter json = new StringWriter();
            CommandLine simulate = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
            simulate.setOut(new PrintWriter(json));
            simulate.setErr(new PrintWriter(new StringWriter()));
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            long processCpuStarted = os.getProcessCpuTime();
            int exitCode = simulate.execute(command.toArray(String[]::new));
            long millis = (System.nanoTime() - started) / 1_000_000;
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
            long processCpuMillis = (os.getProcessCpuTime() - processCpuStarted) / 1_000_000;
            System.out.printf("run %d: %d ms wall, %d ms CPU of this thread (%.2f ms per account-day), %d ms CPU of the process,"
                            + " exit %d, %d bytes of JSON, load %s%n",
                    run, millis, cpuMillis, (double) cpuMillis / (accounts * days), processCpuMillis, exitCode,
                    json.getBuffer().length(), loadAverage());
            expected = json.toString();
        }
        for (int run = 1; run <= fresh; run++) {
            freshRun(run, freshCommand, dir, accounts * days, expected);
        }
    }

    /** One fresh {@code bin/marketolog simulate}: wall and CPU (user + system) from {@code /usr/bin/time}, with the load. */
    private static void freshRun(int run, List<String> command, Path dir, int accountDays, String expected)
            throws IOException, InterruptedException {
        Path out = dir.resolve("fresh.json");
        Path err = dir.resolve("fresh.err");
        String loadBefore = loadAverage();
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exitCode = process.waitFor();
        List<String> lines = Files.readAllLines(err);
        String[] times = lines.isEmpty() ? new String[0] : lines.getLast().trim().split(" ");
        if (exitCode != 0 || times.length != 3) {
            System.out.printf("fresh %d: exit %d; the last lines of its standard error:%n%s%n", run, exitCode,
                    String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            return;
        }
        double cpu = Double.parseDouble(times[1]) + Double.parseDouble(times[2]);
        System.out.printf("fresh %d: %s s wall, %s s user + %s s system = %.2f s CPU (%.1f ms per account-day), %s JSON,"
                        + " load %s before, %s after%n",
                run, times[0], times[1], times[2], cpu, cpu * 1000 / accountDays,
                expected == null ? "unchecked" : Files.readString(out).equals(expected) ? "the same" : "DIFFERENT",
                loadBefore, loadAverage());
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
