package dev.marketolog.cli;

import dev.marketolog.cache.Cache;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.engine.AccountOverview;
import dev.marketolog.engine.CommentsPerDay;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.notify.AccountSessions;
import dev.marketolog.notify.Notifier;
import dev.marketolog.engine.Instance;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.Caches;
import dev.marketolog.store.CommandFeed;
import dev.marketolog.store.ConnectionLoss;
import dev.marketolog.store.Database;
import dev.marketolog.store.InstanceIdentity;
import dev.marketolog.store.JdbcAccountBoard;
import dev.marketolog.store.JdbcAccountControl;
import dev.marketolog.store.JdbcChannelAnalytics;
import dev.marketolog.store.JdbcCommentsPerDay;
import dev.marketolog.store.JdbcInstanceBoard;
import dev.marketolog.store.JdbcJournalSearch;
import dev.marketolog.store.JdbcJournal;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.store.JournalRetention;
import dev.marketolog.web.HealthEndpoint;
import dev.marketolog.web.HealthHandler;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebModule;
import dev.marketolog.web.WebServer;
import dev.marketolog.web.console.AdminApi;
import dev.marketolog.web.console.Console;
import dev.marketolog.web.console.ConsoleAuth;
import dev.marketolog.web.console.ConsoleServices;
import dev.marketolog.web.console.LoginThrottle;
import dev.marketolog.web.console.ReviewApi;
import dev.marketolog.web.console.panel.Panel;
import dev.marketolog.web.console.panel.PanelSessions;
import dev.marketolog.web.console.panel.PanelSources;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code serve} runs, wired from the settings in one place. HTTP listens first (a taken port fails the start
 * at once; {@code /health} says "starting" until the rest is up), then DATA_DIR is checked and the database, the cache
 * and the accounts start in the order each needs the previous ones. {@link #close()} stops HTTP first and the rest in
 * the reverse order of their start, the database last. A stop requested during the start ({@link #requestStop()})
 * cuts it short after the step under way, which every timeout of the database bounds.
 */
final class ServeProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServeProcess.class);
    /** How often operators' commands are read when no notification came: the most a missed one waits. */
    private static final Duration COMMAND_POLL = Duration.ofSeconds(3);

    /** A stop was requested while the process started: it stopped what had started. */
    static final class StartStopped extends RuntimeException {
        StartStopped() {
            super("stopped during the start");
        }
    }

    /** What has started after HTTP, last started on top: {@link #close()} stops from the top. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Settings settings;
    private volatile boolean stopRequested;
    private volatile boolean serving;
    private final CommentWriters writers;
    private WebServer web;

    ServeProcess(Settings settings) {
        this(settings, CommentWriters.LLM);
    }

    /** A serve whose comments {@code writers} write ({@code demo} without an LLM). */
    ServeProcess(Settings settings, CommentWriters writers) {
        this.settings = settings;
        this.writers = writers;
    }

    /**
     * Starts every part. When a part fails to start, or a stop is requested meanwhile, the parts already started are
     * stopped and the failure ({@link StartStopped} for a stop) is thrown.
     */
    void start() {
        try {
            startParts();
            serving = true;
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            startEnded.countDown();
        }
    }

    private void startParts() {
        ProcessSettings config = settings.process();
        InstantSource clock = InstantSource.system();
        String version = Version.current();

        WebServer.requireBindable(config.httpHost(), config.httpPort()); // before the slower parts load
        Metrics metrics = started(Metrics.start(version));
        HealthEndpoint health = new HealthEndpoint(version);
        Optional<ConsoleParts> console = console(config, clock);
        startWeb(WebServer.start(config.httpHost(), config.httpPort(), health, new MetricsHandler(metrics.registry()),
                console.map(ConsoleParts::module).stream().toList()));
        warnWhenReachableFromNetwork(config.httpHost(), console.isPresent());
        DataDirectory.requireWritable(config.dataDir());
        // a second process on this DATA_DIR stops here, before it touches the embedded database or any account
        InstanceIdentity instance = started(InstanceIdentity.claim(config.dataDir()));

        Database database = started(Database.open(config));
        Cache cache = started(Caches.open(config.redisUrl(), metrics.registry()));
        started(JournalRetention.start(database.dataSource(), retention(settings), clock));

        // the feed first: a command written while the overrides and paused flags are read is not lost
        CommandFeed commands = ConnectionLoss.retry("open the operators' command feed",
                () -> CommandFeed.open(database.dataSource(), clock, instance.id()));
        JdbcAccountControl control = new JdbcAccountControl(database.dataSource(), clock, settings);
        Settings running = ConnectionLoss.retry("read the console's overrides", () -> OverriddenSettings.apply(settings, control));
        AccountRepository repository = new AccountRepository(database.dataSource(), clock);
        ConfiguredAccounts accounts = new ConfiguredAccounts(running.accounts(), repository);
        ConnectionLoss.retry("register the accounts", () -> {
            accounts.register();
            return accounts;
        });
        Set<String> paused = ConnectionLoss.retry("read the paused accounts", () -> running.accounts().stream()
                .map(AccountSettings::name).filter(control::paused).collect(Collectors.toUnmodifiableSet()));
        // the notifications hear the engine's events from its start, and reach its sessions once it runs
        AtomicReference<EngineService> engineRef = new AtomicReference<>();
        Notifier notifier = notifier(running, database, clock, metrics,
                account -> Optional.ofNullable(engineRef.get()).flatMap(e -> e.telegram(account)));
        EngineService engine = startEngine(running, paused, database, cache, metrics,
                new Instance(instance.id(), hostName(), httpPort(), processStart()), notifier);
        engineRef.set(engine);
        started(notifier.start());
        started(commands).start(COMMAND_POLL, new CommandApplier(engine, control, repository, commands));

        health.serve(new HealthHandler(version, clock, processStart(), () -> database.health().state().label(), cache, engine));
        console.ifPresent(parts -> parts.serve(new ConsoleServices(
                new AccountOverview(engine::live, new JdbcAccountBoard(database.dataSource()), clock),
                new JdbcJournalSearch(database.dataSource()), control, new JdbcChannelAnalytics(database.dataSource()), notifier,
                new JdbcInstanceBoard(database.dataSource(), instance.id())),
                new JdbcCommentsPerDay(database.dataSource()), engine.reviewDesk()));
        log.info("Marketolog {} serving {} account(s)", version, settings.accounts().size());
    }

    /** The console's parts: the admin API (with its review queue) and the web panel, sharing one token check and one throttle. */
    private record ConsoleParts(AdminApi api, ReviewApi review, Panel panel) {
        WebModule module() {
            return new Console(List.of(api, review, panel));
        }

        /** From now on all answer from the started services. */
        void serve(ConsoleServices services, CommentsPerDay perDay, ReviewDesk reviews) {
            api.serve(services);
            review.serve(reviews);
            panel.serve(new PanelSources(services, perDay, reviews));
        }
    }

    /** The console when ADMIN_TOKEN is strong; otherwise none, and the log says why the console is off. */
    private static Optional<ConsoleParts> console(ProcessSettings config, InstantSource clock) {
        return switch (config.consoleAccess()) {
            case ConsoleAccess.Open open -> {
                log.info("Console on: the panel at / and the admin API at {} (Authorization: Bearer <ADMIN_TOKEN>)",
                        AdminApi.PREFIX);
                ConsoleAuth auth = new ConsoleAuth(open, new LoginThrottle(clock));
                boolean https = config.httpPublicUrl().map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false);
                yield Optional.of(new ConsoleParts(new AdminApi(auth, clock), new ReviewApi(),
                        new Panel(auth, new PanelSessions(clock), clock, https)));
            }
            case ConsoleAccess.Off off -> {
                log.info("Console off: {}", off.explanation());
                yield Optional.empty();
            }
        };
    }

    private static void warnWhenReachableFromNetwork(String host, boolean console) {
        if (WebServer.reachableFromNetwork(host)) {
            log.warn("HTTP_HOST {} is not a loopback address: /health, /metrics{} are reachable from the network; "
                    + "put TLS in front (a reverse proxy) and set HTTP_PUBLIC_URL", host, console ? " and the console" : "");
        }
    }

    /**
     * Every account on the real-time clock, with its Telegram (TDLib or the sandbox, see {@link Telegrams}) and the LLM
     * writer.
     */
    private EngineService startEngine(Settings settings, Set<String> paused, Database database, Cache cache, Metrics metrics,
            Instance instance, Notifier notifier) {
        ProcessSettings config = settings.process();
        RealTimeClock engineClock = started(new RealTimeClock());
        TelegramSessions sessions = Telegrams.sessions(settings, instance.id());
        return started(EngineService.start(settings, paused, database, instance, engineClock, sessions,
                writers.open(config, cache, metrics.registry()),
                new EngineMetrics(metrics.registry()).andThen(notifier.engineListener())));
    }

    /** NOTIFY_*: the sinks, the digest over every account in the first account's TIMEZONE, the outbox in PostgreSQL. */
    private static Notifier notifier(Settings settings, Database database, InstantSource clock, Metrics metrics,
            AccountSessions sessions) {
        List<String> accounts = settings.accounts().stream().map(AccountSettings::name).toList();
        ZoneId zone = settings.accounts().isEmpty() ? ZoneId.systemDefault() : settings.accounts().getFirst().limits().timezone();
        return Notifier.create(settings.process().notifications(), accounts, zone, new JdbcOutbox(database.dataSource()),
                new JdbcJournal(database.dataSource()), sessions, HttpClient.newHttpClient(), clock, metrics.registry());
    }

    /**
     * JOURNAL_RETENTION_DAYS, or longer when some account's limits read further back (the gate reads its longest
     * interval or freshness back from the start of the day), so retention never deletes a row a limit still counts.
     */
    static Duration retention(Settings settings) {
        Duration longest = settings.accounts().stream()
                .map(AccountSettings::limits)
                .flatMap(limits -> Stream.of(
                        limits.minIntervalBetweenMessages(), limits.minIntervalPerChat(), limits.freshPostMaxAge()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO)
                .plusDays(1);
        Duration configured = settings.process().journalRetention();
        return longest.compareTo(configured) > 0 ? longest : configured;
    }

    /** Keeps {@code part} for {@link #close()}; then ends the start if a stop was requested meanwhile. */
    private <T extends AutoCloseable> T started(T part) {
        synchronized (this) {
            running.push(part);
        }
        if (stopRequested) {
            throw new StartStopped();
        }
        return part;
    }

    private void startWeb(WebServer server) {
        synchronized (this) {
            web = server;
        }
        if (stopRequested) {
            throw new StartStopped();
        }
    }

    /** This machine's name, as the other instances see where this one runs. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** When the JVM started, so the uptime in /health counts the whole process. */
    private static Instant processStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** The port HTTP listens on: HTTP_PORT, or the one chosen when that is 0. */
    synchronized int httpPort() {
        return web.port();
    }

    /** Whether every part started and none has been stopped. */
    boolean serving() {
        return serving && closed.getCount() > 0;
    }

    /** Asks a start under way to end after its current step; the start then stops what it started. */
    void requestStop() {
        stopRequested = true;
    }

    /** Blocks until {@link #start()} has returned or thrown. */
    void awaitStartEnded() throws InterruptedException {
        startEnded.await();
    }

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops HTTP, then every other started part, newest first; a part that fails to stop is logged and the others still stop. */
    @Override
    public synchronized void close() {
        if (web != null) {
            stop(web);
            web = null;
        }
        while (!running.isEmpty()) {
            stop(running.pop());
        }
        serving = false;
        closed.countDown();
    }

    private static void stop(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.error("Stopping {} failed", part.getClass().getSimpleName(), e);
        }
    }
}
