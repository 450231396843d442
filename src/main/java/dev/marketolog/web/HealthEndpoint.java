package dev.marketolog.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code /health} from the moment HTTP listens, which is before anything else starts (a taken port fails the start at
 * once): 503 with status "starting" until {@link #serve} hands over the handler that reports on the started parts.
 */
public final class HealthEndpoint implements Handler {

    private final String version;
    private volatile Handler current;

    public HealthEndpoint(String version) {
        this.version = version;
        this.current = this::starting;
    }

    /** From now on {@code handler} answers. */
    public void serve(Handler handler) {
        current = handler;
    }

    private void starting(Context ctx) {
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", "starting", "version", version));
    }

    @Override
    public void handle(Context ctx) throws Exception {
        current.handle(ctx);
    }
}
