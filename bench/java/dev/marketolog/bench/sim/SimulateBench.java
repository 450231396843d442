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
 * {@code bench/run SimulateBench [ACCOUNTS] [CHANNELS] [PER_ACCOUNT] [DAYS] [RUNS]} (defaults 50 20 15 7 5): RUNS runs in
 * this JVM, the first of them with class loading and JIT warm-up, the later ones warm. A fresh process's figures come
 * from {@code /usr/bin/time} around {@code bin/marketolog simulate} with the same files; this prints that command.
 * The machine is shared, so the CPU time is printed next to the wall time, and the load average with both.
 */
public final class SimulateBench {

    public static void main(String[] args) throws IOException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int perAccount = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Path dir = Files.createTempDirectory("simulate-bench");
        List<String> command = new ArrayList<>(List.of("--days", String.valueOf(days), "--start", "2026-12-01T00:00:00+03:00", "--seed", "1", "--json"));
        for (int i = 1; i <= accounts; i++) {
            int first = i;
            String allowlist = IntStream.range(0, perAccount).mapToObj(k -> String.valueOf(-1002000000001L - (first + k) % channels))
                    .collect(Collectors.joining(","));
            Path env = Files.writeString(dir.resolve(".env.bot" + i), "ALLOWLIST_CHAT_IDS=" + allowlist + "\nTIMEZONE=Europe/Moscow\n");
            command.addAll(List.of("--env-file", env.getFileName().toString()));
        }
        System.out.printf("simulate: %d accounts x %d of %d channels x %d days; a fresh process:%n"
                + "  cd %s && /usr/bin/time -f '%%e s wall, %%U s user, %%S s system' %s simulate %s > /dev/null%n",
                accounts, perAccount, channels, days, dir, Path.of("bin/marketolog").toAbsolutePath(), String.join(" ", command));
        command.replaceAll(arg -> arg.startsWith(".env.bot") ? dir.resolve(arg).toString() : arg);
        // The run is single-threaded (virtual clock): this thread's CPU is the engine's; the process's adds JIT and GC.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
