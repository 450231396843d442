package dev.marketolog.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.engine.AccountLive;
import dev.marketolog.engine.ChannelView;
import dev.marketolog.engine.RunState;
import dev.marketolog.store.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

/**
 * The console's reads at fleet size over real HTTP on TEST_POSTGRES_URL (or an embedded PostgreSQL): {@code ACCOUNTS}
 * accounts with 15 channels each (every tenth with a banned channel), a journal of {@code ROWS} rows over 30 days and
 * 40 channels. Measures p50/p99 of {@code GET /api/v1/accounts} and of a filtered journal page (account and status;
 * channel and branch; a page deep behind a cursor). Goals (issue 11): accounts p99 <= 50 ms, a journal page <= 100 ms.
 * Each line says p50, p99 and max, and per request the statements sent to PostgreSQL and the CPU of this JVM and of the
 * database ({@link RequestTimer}). Usage: {@code bench/run ConsoleApiBench [ACCOUNTS] [ROWS] [REQUESTS] [keep]}; with
 * {@code keep} the filled database is kept as {@code console_bench_ACCOUNTS_ROWS} and reused by the next run (its rows
 * are placed back from the time of the fill: drop it by hand when it is days old).
 */
public final class ConsoleApiBench {

    private static final int CHANNELS = 40;
    private static final int CHANNELS_PER_ACCOUNT = 15;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        try (TestDatabase db = database(accounts, rows, args.length > 3 && args[3].equals("keep"))) {
            List<AccountLive> live = live(accounts);
            RequestTimer timer = new RequestTimer(db.dataSource());
            try (ConsoleFixture console = new ConsoleFixture(timer.counting(), InstantSource.system(),
                    Map.of("ACCOUNT_NAME", "bot"), () -> live)) {
                ConsoleHttp http = console.http();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                timer.measure("GET /api/v1/accounts (" + accounts + " accounts)", requests, i -> http.get("/api/v1/accounts"));
                timer.measure("GET /api/v1/journal?account=..&status=sent&limit=50", requests,
                        i -> http.get("/api/v1/journal?status=sent&limit=50&account=acc" + random.nextInt(1, accounts + 1)));
                timer.measure("GET /api/v1/journal?channel=..&branch=instant&limit=50", requests,
                        i -> http.get("/api/v1/journal?branch=instant&limit=50&channel=" + (-1000 - random.nextInt(CHANNELS))));
                timer.measure("GET /api/v1/journal?limit=50 (unfiltered)", requests, i -> http.get("/api/v1/journal?limit=50"));
                timer.measure("GET /api/v1/channels?days=14", Math.max(20, requests / 10), i -> http.get("/api/v1/channels?days=14"));
                String deep = deepCursor(http);
                timer.measure("GET /api/v1/journal?account=acc1&limit=50&cursor=(10 pages in)", requests,
                        i -> http.get("/api/v1/journal?account=acc1&limit=50&cursor=" + deep));
            }
        }
    }

    private static String deepCursor(ConsoleHttp http) throws Exception {
        String cursor = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = JSON.readTree(http.get("/api/v1/journal?account=acc1&limit=50" + cursor).body());
            cursor = "&cursor=" + body.get("next_cursor").asText();
        }
        return cursor.substring("&cursor=".length());
    }

    /** A database filled with the accounts and rows, fresh or (with {@code keep}) the one an earlier run filled. */
    static TestDatabase database(int accounts, long rows, boolean keep) throws SQLException {
        TestDatabase db = keep ? TestDatabase.kept("console_bench_" + accounts + "_" + rows) : TestDatabase.create();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet filled = statement.executeQuery("select count(*) from account")) {
            filled.next();
            if (filled.getInt(1) > 0) {
                System.out.printf("reusing the %,d accounts and their journal filled by an earlier run%n", filled.getInt(1));
                return db;
            }
        }
        long started = System.nanoTime();
        fill(db, accounts, rows);
        System.out.printf("filled %,d journal rows for %,d accounts in %.0f s (load average %s)%n", rows, accounts,
                (System.nanoTime() - started) / 1e9, RequestTimer.loadAverage());
        return db;
    }

    static List<AccountLive> live(int accounts) {
        List<AccountLive> live = new ArrayList<>();
        for (int a = 1; a <= accounts; a++) {
            int account = a;
            List<Long> allowlist = LongStream.range(0, CHANNELS_PER_ACCOUNT).map(c -> -1000 - (account + c) % CHANNELS).boxed().toList();
            Map<Long, ChannelView> views = new HashMap<>();
            allowlist.forEach(id -> views.put(id, new ChannelView(id, Optional.of("Channel " + id), Optional.empty())));
            live.add(new AccountLive("acc" + a, RunState.RUNNING, false, 40, NOW.truncatedTo(ChronoUnit.DAYS),
                    Optional.of(NOW.plusSeconds(a)), allowlist, views, 0));
        }
        return live;
    }

    /** Rows spread evenly over 30 days back from now, a tenth failed and a third instant; account states and bans. */
    static void fill(TestDatabase db, int accounts, long rows) throws SQLException {
        long perAccount = rows / accounts;
        long step = 30L * 86_400 / perAccount;
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into account (name, created_at) select 'acc' || a, now() from generate_series(1, " + accounts + ") a");
            for (int from = 1; from <= accounts; from += 50) {
                int to = Math.min(accounts, from + 49);
                statement.execute("""
                        insert into comment (account, channel_id, post_id, branch, status, text, created_at, sent_at, updated_at,
                                             discussion_chat_id, message_id, message_link)
                        select 'acc' || a, -1000 - (a + k) %% %d, k,
                               case when k %% 3 = 0 then 'instant' else 'scheduler' end,
                               case when k %% 10 = 0 then 'failed' else 'sent' end,
                               'comment ' || k,
                               now() - make_interval(secs => k * %d + a),
                               case when k %% 10 = 0 then null else now() - make_interval(secs => k * %d + a - 5) end,
                               now(), -2000, k, 'https://t.me/c/2000/' || k
                        from generate_series(%d, %d) a, generate_series(0, %d) k""".formatted(CHANNELS, step, step, from, to, perAccount - 1));
            }
            statement.execute("""
                    insert into account_state (account, spam_block_until, serious_streak, cooldown_level, updated_at)
                    select 'acc' || a, now() + interval '1 hour', 0, 1, now() from generate_series(1, %d, 7) a""".formatted(accounts));
            statement.execute("""
                    insert into account_channel (account, channel_id, banned_reason, banned_at)
                    select 'acc' || a, -1000 - a %% %d, 'CHANNEL_PRIVATE', now() from generate_series(1, %d, 10) a""".formatted(CHANNELS, accounts));
            statement.execute("vacuum analyze");
        }
    }
}
