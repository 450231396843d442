package dev.marketolog.engine;

import dev.marketolog.cli.RealTimeClock;
import dev.marketolog.store.InstanceIdentity;
import dev.marketolog.store.JdbcStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Run in a child JVM by {@link InstanceRestartTest}: an instance as serve makes it (its identity claimed in DATA_DIR,
 * its fleet's leases held under it, on PostgreSQL), with one account; says when the account runs, then waits to be
 * killed. Arguments: DATA_DIR, the database's JDBC URL, the account.
 */
final class RunningInstance {
    static final String RUNNING = "running";

    public static void main(String[] args) throws Exception {
        InstanceIdentity identity = InstanceIdentity.claim(Path.of(args[0]));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[1]);
        RealTimeClock clock = new RealTimeClock();
        Fleet fleet = new Fleet(clock, JdbcStores.create(dataSource), new FleetRules(1, Duration.ZERO),
                new Leasing(identity.id(), Leasing.TERM), new SplittableRandom(), event -> {});
        fleet.add(TestAccounts.account(args[2], List.of(-1001L)), new ScriptedTelegram(clock, List.of(-1001L)), FixedWriter.writing());
        fleet.start();
        while (fleet.status().getFirst().state() != RunState.RUNNING) {
            Thread.sleep(20);
        }
        System.out.println(RUNNING);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
