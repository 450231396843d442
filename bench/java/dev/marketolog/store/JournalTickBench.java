package dev.marketolog.store;

import dev.marketolog.engine.Journal;
import dev.marketolog.telegram.PostKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal reads of one account's tick on a year of journal: its history since the day's start, the others' last
 * comment in each of its 15 channels (one statement), its recent texts and the others under a post, summed per tick;
 * p50 and p99 as the engine sees them, then the database's execution time of the same reads. Fills TEST_POSTGRES_URL
 * (or an embedded PostgreSQL) with {@code ACCOUNTS} accounts x 365 days x 41 comments a day over 20 channels (1,000
 * accounts are about 15 million rows, filled in 25 minutes on the loaded 2-core machine) into the database
 * {@code journal_bench_ACCOUNTS}, which is kept for the next run. Add {@code socketTimeout=0} to TEST_POSTGRES_URL's
 * parameters so the fill and its VACUUM are not cut at 60 s. Usage: {@code bench/run JournalTickBench [ACCOUNTS] [TICKS]}.
 */
public final class JournalTickBench {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final int PER_DAY = 41;
    private static final int CHANNELS = 20;
    private static final int CHANNELS_PER_ACCOUNT = 15;
    private static final Pattern EXECUTION_TIME = Pattern.compile("\"Execution Time\": ([0-9.]+)");

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        // filling 15 million rows takes minutes: the filled database is kept for the next run (drop it by hand)
        try (TestDatabase db = TestDatabase.kept("journal_bench_" + accounts)) {
            long started = System.nanoTime();
            if (filled(db)) {
                System.out.printf("reusing the journal of %,d accounts filled by an earlier run%n", accounts);
            } else {
                long rows = fill(db, accounts);
                System.out.printf("filled %,d rows for %,d accounts in %.0f s%n", rows, accounts, (System.nanoTime() - started) / 1e9);
            }
            // every fleet fact read from the database, as a process's first account reads it: the cost the cache saves
            Journal journal = new JdbcJournal(db.dataSource(), db.database().plannedOnceReads(),
                    new FleetFacts(Duration.ZERO, System::nanoTime));
            for (int i = 0; i < 500; i++) {
                tick(journal, ThreadLocalRandom.current().nextInt(1, accounts + 1));
            }
            long[] nanos = new long[ticks];
            for (int i = 0; i < ticks; i++) {
                nanos[i] = tick(journal, ThreadLocalRandom.current().nextInt(1, accounts + 1));
            }
            Arrays.sort(nanos);
            System.out.printf("%,d ticks, the journal reads of a tick (history, the others' last in %d channels, recent texts, the"
                            + " others under a post), as the engine sees them: p50 %.2f ms, p99 %.2f ms, max %.2f ms (load %s)%n",
                    ticks, CHANNELS_PER_ACCOUNT, nanos[ticks / 2] / 1e6, nanos[ticks * 99 / 100] / 1e6, nanos[ticks - 1] / 1e6, loadAverage());
            // on a loaded machine the times above are mostly waits for a CPU; the database's own work is this
            double[] server = new double[Math.min(ticks, 1_000)];
            try (Connection connection = db.dataSource().getConnection()) {
                for (int i = 0; i < server.length; i++) {
                    server[i] = serverMillis(connection, ThreadLocalRandom.current().nextInt(1, accounts + 1));
                }
            }
            Arrays.sort(server);
            System.out.printf("%,d ticks, the same reads' execution time in the database (EXPLAIN ANALYZE, summed): p50 %.2f ms,"
                    + " p99 %.2f ms, max %.2f ms%n", server.length, server[server.length / 2], server[server.length * 99 / 100],
                    server[server.length - 1]);
        }
    }

    /** The database's execution time of one tick's reads, as EXPLAIN ANALYZE reports it (plans come from a cache in the engine). */
    private static double serverMillis(Connection connection, int account) throws SQLException {
        String name = "acc" + account;
        return executionMillis(connection, JdbcJournal.HISTORY, s -> {
                    s.setString(1, name);
                    s.setTimestamp(2, Timestamp.from(NOW.minus(Duration.ofDays(1))));
                })
                + executionMillis(connection, JdbcJournal.NEWEST_IN_CHANNELS,
                        s -> s.setArray(1, connection.createArrayOf("bigint", channels(account).toArray())))
                + executionMillis(connection, JdbcJournal.RECENT_TEXTS, s -> {
                    s.setString(1, name);
                    s.setInt(2, 10);
                })
                + executionMillis(connection, JdbcJournal.ACCOUNTS_UNDER, s -> {
                    s.setLong(1, -1000 - account % CHANNELS);
                    s.setLong(2, 100);
                });
    }

    private static double executionMillis(Connection connection, String sql, Jdbc.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("explain (analyze, format json) " + sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Matcher time = EXECUTION_TIME.matcher(rows.getString(1));
                if (!time.find()) {
                    throw new IllegalStateException("no execution time in the plan of " + sql);
                }
                return Double.parseDouble(time.group(1));
            }
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }

    private static boolean filled(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select exists (select 1 from account)")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /**
     * Sent comments, one every 35 minutes or so per account, across 20 channels, for a year back from NOW, in one
     * transaction: a run stopped while filling leaves the database empty, to be filled again.
     */
    private static long fill(TestDatabase db, int accounts) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("insert into account (name, created_at) select 'acc' || a, now() from generate_series(1, " + accounts + ") a");
            int perAccount = 365 * PER_DAY;
            int step = 86_400 / PER_DAY;
            for (int from = 1; from <= accounts; from += 100) {
                int to = Math.min(accounts, from + 99);
                statement.execute("""
                        insert into comment (account, channel_id, post_id, branch, status, text, created_at, sent_at, updated_at)
                        select 'acc' || a, -1000 - (a + k) %% %d, k, 'scheduler', 'sent', 'comment ' || k,
                               timestamptz '2026-12-01 08:00Z' - make_interval(secs => k * %d + a),
                               timestamptz '2026-12-01 08:00Z' - make_interval(secs => k * %d + a - 5),
                               timestamptz '2026-12-01 08:00Z'
                        from generate_series(%d, %d) a, generate_series(0, %d) k""".formatted(CHANNELS, step, step, from, to, perAccount - 1));
            }
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("vacuum analyze comment");
            return (long) accounts * perAccount;
        }
    }

    private static long tick(Journal journal, int account) {
        String name = "acc" + account;
        long started = System.nanoTime();
        journal.history(name, NOW.minus(Duration.ofDays(1)));
        journal.lastByOthersInChannels(name, channels(account));
        journal.recentTexts(name, 10);
        journal.otherAccountsUnder(name, new PostKey(-1000 - account % CHANNELS, 100));
        return System.nanoTime() - started;
    }

    /** The channels of an account: 15 of the 20, as the fill spreads its comments. */
    private static List<Long> channels(int account) {
        List<Long> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS_PER_ACCOUNT; c++) {
            channels.add(-1000L - (account + c) % CHANNELS);
        }
        return channels;
    }
}
