package dev.marketolog.store;

import dev.marketolog.engine.Journal;
import dev.marketolog.telegram.PostKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The journal reads of one account's tick on a year of journal: its history since the day's start, the others' last
 * comment in each of its 15 channels, its recent texts and the others under a post, summed per tick; p50 and p99.
 * Fills TEST_POSTGRES_URL (or an embedded PostgreSQL) with {@code ACCOUNTS} accounts x 365 days x 41 comments a day over
 * 20 channels (1,000 accounts are about 15 million rows). Usage: {@code bench/run JournalTickBench [ACCOUNTS] [TICKS]}.
 */
public final class JournalTickBench {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final int PER_DAY = 41;
    private static final int CHANNELS = 20;
    private static final int CHANNELS_PER_ACCOUNT = 15;

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
            Journal journal = new JdbcJournal(db.dataSource());
            for (int i = 0; i < 500; i++) {
                tick(journal, ThreadLocalRandom.current().nextInt(1, accounts + 1));
            }
            long[] nanos = new long[ticks];
            for (int i = 0; i < ticks; i++) {
                nanos[i] = tick(journal, ThreadLocalRandom.current().nextInt(1, accounts + 1));
            }
            Arrays.sort(nanos);
            System.out.printf("%,d ticks, journal reads per tick (1 history, %d others' last, 1 recent texts, 1 others under):"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    ticks, CHANNELS_PER_ACCOUNT, nanos[ticks / 2] / 1e6, nanos[ticks * 99 / 100] / 1e6, nanos[ticks - 1] / 1e6);
        }
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
        List<Long> channels = new ArrayList<>();
        for (int c = 0; c < CHANNELS_PER_ACCOUNT; c++) {
            channels.add(-1000L - (account + c) % CHANNELS);
        }
        journal.lastByOthersInChannels(name, channels);
        journal.recentTexts(name, 10);
        journal.otherAccountsUnder(name, new PostKey(-1000 - account % CHANNELS, 100));
        return System.nanoTime() - started;
    }
}
