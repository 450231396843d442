package dev.marketolog.bench.chaos;

import dev.marketolog.cli.chaos.ChaosReport;
import dev.marketolog.cli.chaos.ChaosRun;
import dev.marketolog.cli.chaos.ChaosSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The crash and fault run of {@code ChaosIT} with any count:
 * {@code bench/run ChaosHarness [--kills N] [--seconds T] [--accounts A] [--seed S] [--outage-seconds O]}
 * (defaults: 200 kills within 3600 s, 6 accounts, a 30 s sandbox outage). Needs target/marketolog.jar
 * ({@code mvn -o package -DskipTests}); PostgreSQL from TEST_POSTGRES_URL, else an embedded one.
 */
public final class ChaosHarness {

    public static void main(String[] args) throws Exception {
        int kills = 200;
        long seconds = 3600;
        int accounts = 6;
        long seed = System.nanoTime();
        long outage = 30;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(value);
                case "--seconds" -> seconds = Long.parseLong(value);
                case "--accounts" -> accounts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--outage-seconds" -> outage = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path workDir = Files.createTempDirectory("chaos");
        System.out.println("chaos run in " + workDir + " (seed " + seed + ")");
        ChaosReport report = ChaosRun.run(new ChaosSettings(kills, Duration.ofSeconds(seconds), accounts, seed,
                Duration.ofSeconds(outage), Path.of("target/marketolog.jar"), workDir));
        System.out.print(report.table());
        boolean clean = report.failures().isEmpty() && report.violations() == 0 && report.verdict().lost().isEmpty()
                && report.verdict().doubled().isEmpty();
        System.exit(clean ? 0 : 1);
    }
}
