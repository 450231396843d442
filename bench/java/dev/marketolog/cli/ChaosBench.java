package dev.marketolog.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash and fault harness by hand, with any number of SIGKILLs (needs {@code target/marketolog.jar}, and
 * {@code TEST_POSTGRES_URL} or an embedded PostgreSQL):
 *
 * <pre>bench/run ChaosBench [KILLS=200] [SEED=1]</pre>
 */
public final class ChaosBench {

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("marketolog-chaos");
        System.out.println("working in " + dir + " (serve.log, sandbox.log)");
        ChaosRun.Summary summary = new ChaosRun(dir, seed).run(kills);
        System.out.print(summary.table());
        System.exit(summary.violations().isEmpty() ? 0 : 1);
    }
}
