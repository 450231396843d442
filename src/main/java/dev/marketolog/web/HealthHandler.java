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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 with the report when the database answers and the accounts can be read, else 503 with it. */
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
        Optional<List<AccountStatus>> accountList = readAccounts();
        return new HealthReport(
                databaseUp && accountList.isPresent() ? HealthReport.UP : HealthReport.DOWN,
                version,
                Duration.between(startedAt, clock.instant()).toSeconds(),
                databaseUp ? HealthReport.UP : HealthReport.DOWN,
                cache.state(),
                accountList.orElse(List.of()));
    }

    private Optional<List<AccountStatus>> readAccounts() {
        try {
            return Optional.of(accounts.accounts());
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
