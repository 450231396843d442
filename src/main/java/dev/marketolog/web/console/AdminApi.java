package dev.marketolog.web.console;

import dev.marketolog.web.AccountStatusSource;
import dev.marketolog.web.WebModule;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * The admin API under {@code /api/v1}: JSON for scripts and the panel, behind {@code Authorization: Bearer
 * <ADMIN_TOKEN>}. Its routes exist from the moment HTTP listens; until {@link #serve} hands over what they read (the
 * database and the accounts start later) they answer 503.
 */
public final class AdminApi implements WebModule {

    public static final String PREFIX = "/api/v1";

    private final ConsoleAuth auth;
    private volatile Optional<AccountStatusSource> accounts = Optional.empty();

    public AdminApi(ConsoleAuth auth) {
        this.auth = auth;
    }

    /** From now on the routes answer from {@code accounts}. */
    public void serve(AccountStatusSource accounts) {
        this.accounts = Optional.of(accounts);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.routes.before(PREFIX, auth::requireBearer);
        config.routes.before(PREFIX + "/*", auth::requireBearer);
        config.routes.get(PREFIX + "/accounts", this::accounts);
    }

    private void accounts(Context ctx) {
        ctx.json(started().accounts());
    }

    private AccountStatusSource started() {
        return accounts.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "starting"));
    }
}
