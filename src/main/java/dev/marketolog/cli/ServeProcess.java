package dev.marketolog.cli;

import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.cache.Cache;
import dev.marketolog.store.Caches;
import dev.marketolog.store.Database;
import dev.marketolog.store.InstanceIdentity;
import dev.marketolog.web.HealthHandler;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code serve} runs, wired from the settings in one place: started in the order each part needs the
 * previous ones, stopped in the reverse order (HTTP first, the database last). Starting and stopping exclude each
 * other, so a stop requested while the process starts (SIGTERM right after launch) waits for the start to end and then
 * stops every part, the embedded database included.
 */
final class ServeProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServeProcess.class);

    /** What has started, last started on top: {@link #close()} stops from the top. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Settings settings;
    private WebServer web;

    ServeProcess(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts the metrics, the database (embedded unless POSTGRES_DSN is set), the cache and the HTTP server. When a
     * part fails to start, the parts already started are stopped and the failure is thrown.
     */
    synchronized void start() {
        try {
            startParts();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startParts() {
        ProcessSettings config = settings.process();
        InstantSource clock = InstantSource.system();
        String version = Version.current();

        // first: a second process on this DATA_DIR stops here, before it touches the embedded database or any account
        InstanceIdentity instance = started(InstanceIdentity.claim(config.dataDir()));
        Metrics metrics = started(Metrics.start(version));
        Database database = started(Database.open(config));
        Cache cache = started(Caches.open(config.redisUrl(), metrics.registry()));

        ConfiguredAccounts accounts =
                new ConfiguredAccounts(settings.accounts(), new AccountRepository(database.dataSource(), clock));
        accounts.register();
        // the engine starts after the database and cache it uses and before HTTP reports on it, so that it stops
        // after HTTP and before the database
        EngineService engine = startEngine(settings, database, cache, metrics, instance.id());

        HealthHandler health = new HealthHandler(version, clock, processStart(), database::ping, cache, engine);
        web = started(WebServer.start(config.httpHost(), config.httpPort(), health, new MetricsHandler(metrics.registry())));
        log.info("Marketolog {} serving {} account(s)", version, settings.accounts().size());
    }

    /**
     * Every account on the real-time clock, with its Telegram (TDLib or the sandbox, see {@link Telegrams}) and the LLM
     * writer.
     */
    private EngineService startEngine(Settings settings, Database database, Cache cache, Metrics metrics, String instanceId) {
        ProcessSettings config = settings.process();
        RealTimeClock engineClock = started(new RealTimeClock());
        TelegramSessions sessions = Telegrams.sessions(settings);
        return started(EngineService.start(settings, database.dataSource(), instanceId, engineClock, sessions,
                LlmWriters.of(config, cache, metrics.registry()), metrics.registry()));
    }

    private <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
    }

    /** When the JVM started, so the uptime in /health counts the whole process. */
    private static Instant processStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** The port HTTP listens on: HTTP_PORT, or the one chosen when that is 0. */
    synchronized int httpPort() {
        return web.port();
    }

    /** Whether every part started and none has been stopped; waits for a start in progress to end. */
    synchronized boolean serving() {
        return web != null && closed.getCount() > 0;
    }

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops every started part, newest first; a part that fails to stop is logged and the others still stop. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.error("Stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
        closed.countDown();
    }
}
