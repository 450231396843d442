package dev.marketolog.web;

import dev.marketolog.cache.Cache;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 with the report when the database is up and the accounts can be read, else 503 with it.
 * It answers within {@link #ANSWER_WITHIN} whatever the database or Redis do: the cache and the accounts are read side
 * by side, and a read that is not done by then is replaced by its last known result (and goes on for the next call).
 */
public final class HealthHandler implements Handler {

    /** Docker's health check gives up after 5 s, and monitors poll often: the answer must never wait on a hung part. */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(800);

    private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

    private final String version;
    private final InstantSource clock;
    private final Instant startedAt;
    private final Supplier<String> databaseState;
    private final LastKnown<String> cacheState;
    private final LastKnown<Optional<List<AccountStatus>>> accounts;
    private final Optional<String> instance;

    /**
     * @param databaseState the database's last known state ("up", "down", "read-only", "degraded"); must not wait
     * @param startedAt     when the process started, for the uptime
     */
    public HealthHandler(
            String version,
            InstantSource clock,
            Instant startedAt,
            Supplier<String> databaseState,
            Cache cache,
            AccountStatusSource accounts) {
        this.version = version;
        this.clock = clock;
        this.startedAt = startedAt;
        this.databaseState = databaseState;
        this.cacheState = new LastKnown<>(cache::state, "unknown");
        this.accounts = new LastKnown<>(() -> readAccounts(accounts), Optional.empty());
        this.instance = accounts.instance();
    }

    /**
     * The report as of now. When the accounts cannot be read (they live in the database) the list is the last one read,
     * empty before the first, and the status is down.
     */
    public HealthReport report() {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        cacheState.refresh();
        accounts.refresh();
        String database = databaseState.get();
        String cache = cacheState.by(deadline);
        Optional<List<AccountStatus>> accountList = accounts.by(deadline);
        boolean up = database.equals(HealthReport.UP) && accountList.isPresent();
        return new HealthReport(
                up ? HealthReport.UP : HealthReport.DOWN,
                version,
                instance,
                Duration.between(startedAt, clock.instant()).toSeconds(),
                database,
                cache,
                accountList.orElse(List.of()));
    }

    private static Optional<List<AccountStatus>> readAccounts(AccountStatusSource source) {
        try {
            return Optional.of(source.accounts());
        } catch (RuntimeException e) {
            // debug only: a monitor polls /health every few seconds, and the outage is already in the response
            log.debug("Cannot read the account states for /health", e);
            return Optional.empty();
        }
    }

    @Override
    public void handle(Context ctx) {
        HealthReport report = report();
        // The body matters in both cases: a monitor shows the operator which part is down.
        ctx.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
}
