package dev.marketolog.web.console;

import dev.marketolog.config.ConsoleAccess;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the console: whoever presents ADMIN_TOKEN, from an address that has not failed too often. The API asks
 * through {@link #requireBearer}, the panel's login form through {@link #signIn}; both share one {@link LoginThrottle},
 * and a failure is logged with the address and never with the value tried.
 */
public final class ConsoleAuth {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAuth.class);
    private static final String BEARER = "bearer ";

    private final TokenCheck token;
    private final LoginThrottle throttle;

    public ConsoleAuth(ConsoleAccess.Open access, LoginThrottle throttle) {
        this.token = new TokenCheck(access.token());
        this.throttle = throttle;
    }

    /** The address a request comes from: the connection's peer, never a header a client can set. */
    public static String clientAddress(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    /**
     * Checks {@code candidate} from {@code address}. {@code via} says where it came from in the log ("bearer token",
     * "login form").
     */
    public SignIn signIn(String address, String candidate, String via) {
        Optional<Duration> refused = throttle.refusedFor(address);
        if (refused.isPresent()) {
            log.warn("Console: {} from {} refused, too many failed attempts (retry in {} s)", via, address,
                    refused.get().toSeconds());
            return new SignIn.Refused(refused.get());
        }
        if (token.matches(candidate)) {
            return new SignIn.Accepted();
        }
        int failures = throttle.recordFailure(address);
        log.warn("Console: wrong {} from {} ({} of {} failures allowed in {} s)", via, address, failures,
                LoginThrottle.MAX_FAILURES, LoginThrottle.WINDOW.toSeconds());
        return new SignIn.Rejected();
    }

    /**
     * A before-handler for the API: lets the request through with {@code Authorization: Bearer <ADMIN_TOKEN>}, else
     * throws 401 (no or wrong token) or 429 (too many failures from this address).
     */
    public void requireBearer(Context ctx) {
        String address = clientAddress(ctx);
        Optional<String> presented = bearerToken(ctx.header("Authorization"));
        if (presented.isEmpty()) {
            // no guess was made, so nothing to count; a throttled address still hears that it is throttled
            throttle.refusedFor(address).ifPresent(wait -> {
                throw ApiException.throttled(wait);
            });
            throw unauthorized();
        }
        switch (signIn(address, presented.get(), "bearer token")) {
            case SignIn.Accepted _ -> { }
            case SignIn.Rejected _ -> throw unauthorized();
            case SignIn.Refused refused -> throw ApiException.throttled(refused.retryAfter());
        }
    }

    private static Optional<String> bearerToken(String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).strip()).filter(value -> !value.isEmpty());
    }

    private static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "send the console token: Authorization: Bearer <ADMIN_TOKEN>",
                List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"marketolog\""));
    }
}
