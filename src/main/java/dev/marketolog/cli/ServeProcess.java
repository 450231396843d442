package dev.marketolog.cli;

import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.Cache;
import dev.marketolog.store.Caches;
import dev.marketolog.store.Database;
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
 * previous ones, stopped in the reverse order (HTTP first, the database last).
 */
final class ServeProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServeProcess.class);

    /** What has started, last started on top: {@link #close()} stops from the top. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private WebServer web;

    private ServeProcess() {}

    /**
     * Starts the metrics, the database (embedded unless POSTGRES_DSN is set), the cache and the HTTP server. When a
     * part fails to start, the parts already started are stopped and the failure is thrown.
     */
    static ServeProcess start(Settings settings) {
        ServeProcess process = new ServeProcess();
        try {
            process.startParts(settings);
            return process;
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private void startParts(Settings settings) {
        ProcessSettings config = settings.process();
        InstantSource clock = InstantSource.system();
        String version = Version.current();

        Metrics metrics = started(Metrics.start(version));
        Database database = started(Database.open(config));
        Cache cache = started(Caches.open(config.redisUrl(), metrics.registry()));

        ConfiguredAccounts accounts =
                new ConfiguredAccounts(settings.accounts(), new AccountRepository(database.dataSource(), clock));
        accounts.register();
        // Account runners start here: after the database and cache they use, before HTTP reports on them, so that
        // they stop after HTTP and before the database.

        HealthHandler health = new HealthHandler(version, clock, processStart(), database::ping, cache, accounts);
        web = started(WebServer.start(config.httpHost(), config.httpPort(), health, new MetricsHandler(metrics.registry())));
        log.info("Marketolog {} serving {} account(s)", version, settings.accounts().size());
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
    int httpPort() {
        return web.port();
    }

    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops every started part, newest first; a part that fails to stop is logged and the others still stop. */
    @Override
    public void close() {
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
