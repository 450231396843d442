package dev.marketolog.store;

import dev.marketolog.config.ProcessSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/** How long {@link Database#open} takes on embedded defaults: first start (initdb + migrate), then restarts. */
public final class EmbeddedDatabaseStartBench {

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("marketolog-bench");
        ProcessSettings defaults = ProcessSettings.defaults();
        ProcessSettings settings = new ProcessSettings(defaults.httpHost(), defaults.httpPort(), Optional.empty(), Optional.empty(),
                defaults.redisUrl(), dataDir, defaults.adminToken(), defaults.logFormat(),
                defaults.llmMaxConcurrency(), defaults.fleetMaxAccountsPerPost(), defaults.fleetMinGap(),
                defaults.tdjsonPath(), defaults.telegramSandboxUrl(), defaults.journalRetention());
        for (int run = 0; run < 4; run++) {
            long started = System.nanoTime();
            try (Database database = Database.open(settings)) {
                long opened = System.nanoTime();
                System.out.printf("%s: open %d ms, ping %s%n", run == 0 ? "first start" : "restart " + run,
                        (opened - started) / 1_000_000, database.ping());
            }
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
