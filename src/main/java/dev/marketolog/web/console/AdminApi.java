package dev.marketolog.web.console;

import dev.marketolog.engine.StoreUnavailableException;
import dev.marketolog.web.WebModule;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /api/v1}: JSON in snake_case for scripts and the panel, behind {@code Authorization:
 * Bearer <ADMIN_TOKEN>}. Its routes exist from the moment HTTP listens; until {@link #serve} hands over what they read
 * (the database and the accounts start later) they answer 503. A database outage is 503 too, never a 500.
 */
public final class AdminApi implements WebModule {

    public static final String PREFIX = "/api/v1";

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    private final ConsoleAuth auth;
    private final InstantSource clock;
    private volatile Optional<ConsoleServices> services = Optional.empty();

    public AdminApi(ConsoleAuth auth, InstantSource clock) {
        this.auth = auth;
        this.clock = clock;
    }

    /** From now on the routes answer from {@code services}. */
    public void serve(ConsoleServices services) {
        this.services = Optional.of(services);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.routes.before(PREFIX, auth::requireBearer);
        config.routes.before(PREFIX + "/*", auth::requireBearer);
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            log.warn("Console: {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            ApiException unavailable = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the database does not answer; try again");
            ctx.status(unavailable.status()).json(unavailable.body());
        });
        new AccountsApi(this::started).addTo(config.routes);
        new JournalApi(this::started).addTo(config.routes);
        new ChannelsApi(this::started, clock).addTo(config.routes);
        new NotificationsApi(this::started, clock).addTo(config.routes);
        new InstancesApi(this::started, clock).addTo(config.routes);
    }

    private ConsoleServices started() {
        return services.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "starting"));
    }
}
