package dev.marketolog.bench.sim;

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
import java.util.stream.LongStream;
import picocli.CommandLine;

/**
 * Wall time of {@code simulate --json} for many accounts, each allowlisting every channel (goal for 50 × 20 × 7 days: 3 s).
 * {@code bench/run SimulateBench [ACCOUNTS] [CHANNELS] [DAYS] [RUNS]}; the first run includes class loading and JIT warm-up.
 * The machine is shared, so the run's CPU time is printed next to its wall time.
 */
public final class SimulateBench {

    public static void main(String[] args) throws IOException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("simulate-bench");
        List<String> command = new ArrayList<>(List.of("--days", String.valueOf(days), "--start", "2026-12-01T00:00:00+03:00", "--json"));
        String allowlist = LongStream.rangeClosed(1, channels).mapToObj(i -> String.valueOf(-1002000000000L - i)).toList().toString();
        for (int i = 1; i <= accounts; i++) {
            Path env = Files.writeString(dir.resolve(".env.bot" + i),
                    "ALLOWLIST_CHAT_IDS=" + allowlist + "\nTIMEZONE=Europe/Moscow\n");
            command.addAll(List.of("--env-file", env.toString()));
        }
        System.out.printf("simulate: %d accounts x %d channels x %d days%n", accounts, channels, days);
        // The run is single-threaded (virtual clock): this thread's CPU time is the wall time on an idle machine.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++) {
            StringWriter json = new StringWriter();
            CommandLine simulate = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
            simulate.setOut(new PrintWriter(json));
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            int exitCode = simulate.execute(command.toArray(String[]::new));
            long millis = (System.nanoTime() - started) / 1_000_000;
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
            System.out.printf("run %d: %d ms wall, %d ms CPU of this thread, exit %d, %d bytes of JSON%n",
                    run, millis, cpuMillis, exitCode, json.getBuffer().length());
        }
    }
}
