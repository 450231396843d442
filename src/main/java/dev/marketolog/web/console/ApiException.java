package dev.marketolog.web.console;

import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A console request that cannot be answered as asked; {@link Console} turns it into a response with this status and
 * the body {@code {"error": ..., "problems": [...]}}. Handlers throw it rather than set statuses by hand.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiProblem> problems;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String error, List<ApiProblem> problems, Map<String, String> headers) {
        super(error);
        this.status = Objects.requireNonNull(status, "status");
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    public ApiException(HttpStatus status, String error) {
        this(status, error, List.of(), Map.of());
    }

    /** 400 listing every problem of the request at once. */
    public static ApiException badRequest(String error, List<ApiProblem> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST, error, problems, Map.of());
    }

    /** 400 for one wrong field. */
    public static ApiException badField(String field, String value, String expected) {
        return badRequest("bad " + field, List.of(new ApiProblem(field, value, expected)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what);
    }

    /** 429: this address failed too often; {@code Retry-After} in whole seconds, rounded up. */
    public static ApiException throttled(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.plusMillis(999).toSeconds());
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "too many failed attempts from this address; retry after " + seconds + " s",
                List.of(), Map.of("Retry-After", String.valueOf(seconds)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiProblem> problems() {
        return problems;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body. */
    public record Body(String error, List<ApiProblem> problems) {}

    public Body body() {
        return new Body(getMessage(), problems);
    }
}
