package dev.marketolog.web;

import dev.marketolog.store.Cache;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 with the report when the database answers, 503 with the same report when it does not. */
public final class HealthHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

    private final String version;
    private final InstantSource clock;
    private final Instant startedAt;
    private final BooleanSupplier databaseAnswers;
    private final Cache cache;
    private final AccountStatusSource accounts;

    /**
     * @param databaseAnswers asks the database for a trivial answer, e.g. {@code Database::ping}
     * @param startedAt       when the process started, for the uptime
     */
    public HealthHandler(
            String version,
            InstantSource clock,
            Instant startedAt,
            BooleanSupplier databaseAnswers,
            Cache cache,
            AccountStatusSource accounts) {
        this.version = version;
        this.clock = clock;
        this.startedAt = startedAt;
        this.databaseAnswers = databaseAnswers;
        this.cache = cache;
        this.accounts = accounts;
    }

    /**
     * The report as of now; asks the database, the cache and every account. When the accounts cannot be read (they may
     * live in the database) the list is empty and the status is down.
     */
    public HealthReport report() {
        boolean databaseUp = databaseAnswers.getAsBoolean();
        long uptime = Duration.between(startedAt, clock.instant()).toSeconds();
        List<AccountStatus> accountList;
        boolean accountsKnown;
        try {
            accountList = accounts.accounts();
            accountsKnown = true;
        } catch (RuntimeException e) {
            // debug only: a monitor polls /health every few seconds, and the outage is already in the response
            log.debug("Cannot read the account states for /health", e);
            accountList = List.of();
            accountsKnown = false;
        }
        String status = databaseUp && accountsKnown ? HealthReport.UP : HealthReport.DOWN;
        return new HealthReport(
                status, version, uptime, databaseUp ? HealthReport.UP : HealthReport.DOWN, cache.state(), accountList);
    }

    @Override
    public void handle(Context ctx) {
        HealthReport report = report();
        // The body matters in both cases: a monitor shows the operator which part is down.
        ctx.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
}
