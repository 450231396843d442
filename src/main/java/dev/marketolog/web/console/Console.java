package dev.marketolog.web.console;

import dev.marketolog.web.WebModule;
import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * The console as one {@link WebModule}: the security headers on every response, the console's error format, and its
 * parts (the admin API, the panel), each registering its own routes. The serve wiring adds it only when ADMIN_TOKEN is
 * strong ({@link dev.marketolog.config.ConsoleAccess}): without it no console route exists and each answers 404.
 */
public final class Console implements WebModule {

    private final List<WebModule> parts;

    public Console(List<WebModule> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.routes.before(SecurityHeaders::apply);
        config.routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(e.body());
        });
        parts.forEach(part -> part.configure(config));
    }
}
