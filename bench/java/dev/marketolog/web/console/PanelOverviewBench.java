package dev.marketolog.web.console;

import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Secret;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.engine.AccountLive;
import dev.marketolog.engine.NotificationStatus;
import dev.marketolog.engine.AccountOverview;
import dev.marketolog.engine.Fleet;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.store.JdbcAccountBoard;
import dev.marketolog.store.JdbcAccountControl;
import dev.marketolog.store.JdbcChannelAnalytics;
import dev.marketolog.store.JdbcCommentsPerDay;
import dev.marketolog.store.JdbcInstanceBoard;
import dev.marketolog.store.JdbcJournalSearch;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import dev.marketolog.web.console.panel.Panel;
import dev.marketolog.web.console.panel.PanelSessions;
import dev.marketolog.web.console.panel.PanelSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * The web panel's pages at fleet size over real HTTP, on the data of {@link ConsoleApiBench} ({@code ACCOUNTS} accounts
 * with 15 channels each, a journal of {@code ROWS} rows over 30 days): the overview page (every account, rendered), its
 * fragment that refreshes every 5 s, its chart's JSON and a filtered journal page, by a signed-in browser. Goal (issue
 * 11): the overview page p99 <= 50 ms. Each line says p50, p99 and max, and per request the statements sent to PostgreSQL and the CPU of
 * this JVM and of the database ({@link RequestTimer}). Usage: {@code bench/run PanelOverviewBench [ACCOUNTS] [ROWS]
 * [REQUESTS] [keep]} ({@code keep} as in {@link ConsoleApiBench}).
 */
public final class PanelOverviewBench {

    private static final String TOKEN = "4e6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        try (TestDatabase db = ConsoleApiBench.database(accounts, rows, args.length > 3 && args[3].equals("keep"));
                Metrics metrics = Metrics.start("bench")) {
            List<AccountLive> live = ConsoleApiBench.live(accounts);
            RequestTimer timer = new RequestTimer(db.dataSource());
            try (WebServer server = WebServer.start("127.0.0.1", 0, ctx -> ctx.result("ok"),
                    new MetricsHandler(metrics.registry()), List.of(new Console(List.of(panel(timer.counting(), live)))))) {
                String base = "http://127.0.0.1:" + server.port();
                String cookie = signIn(base);
                timer.measure("GET / (overview page, " + accounts + " accounts)", requests, i -> get(base + "/", cookie));
                timer.measure("GET /overview/accounts (the 5-second refresh)", requests,
                        i -> get(base + "/overview/accounts", cookie));
                timer.measure("GET /overview/chart.json (14 days)", Math.max(20, requests / 10),
                        i -> get(base + "/overview/chart.json", cookie));
                timer.measure("GET /journal?account=..&status=sent (100 rows)", requests,
                        i -> get(base + "/journal?status=sent&account=acc" + (1 + i % accounts), cookie));
            }
        }
    }

    private static Panel panel(DataSource dataSource, List<AccountLive> live) throws Exception {
        InstantSource clock = InstantSource.system();
        Settings settings = SettingsLoader.load(List.of(), Map.of("ACCOUNT_NAME", "bot"), Purpose.TOOL);
        ConsoleAuth auth = new ConsoleAuth((ConsoleAccess.Open) ConsoleAccess.of(Secret.of(TOKEN)), new LoginThrottle(clock));
        Panel panel = new Panel(auth, new PanelSessions(clock), clock, false);
        panel.serve(new PanelSources(new ConsoleServices(new AccountOverview(() -> live, new JdbcAccountBoard(dataSource), clock),
                new JdbcJournalSearch(dataSource), new JdbcAccountControl(dataSource, clock, settings),
                new JdbcChannelAnalytics(dataSource), () -> NotificationStatus.OFF,
                new JdbcInstanceBoard(dataSource, "bench")), new JdbcCommentsPerDay(dataSource), reviewQueue(dataSource)));
        return panel;
    }

    /** The review queue in the database, as the overview counts it; no account runs here to act on it. */
    private static ReviewDesk reviewQueue(DataSource dataSource) {
        return new Fleet(new VirtualClock(Instant.now()), JdbcStores.create(dataSource), new FleetRules(1, Duration.ZERO),
                new SplittableRandom(1), event -> {}).reviewDesk();
    }

    private static String signIn(String base) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("not signed in"));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static HttpResponse<String> get(String url, String cookie) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url, e);
        }
    }
}
