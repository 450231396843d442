package dev.marketolog.web.console;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a request's query parameters and collects a problem for each one that does not parse, so a request with three
 * wrong parameters hears of all three in one 400 ({@link #done()}).
 */
final class QueryParams {

    private final Context ctx;
    private final List<ApiProblem> problems = new ArrayList<>();

    QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The parameter parsed by {@code parse}, which throws IllegalArgumentException (or a subclass) for a wrong value. */
    <T> Optional<T> parsed(String name, String expected, Function<String, T> parse) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(raw.get()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(new ApiProblem(name, raw.get(), expected));
            return Optional.empty();
        }
    }

    Optional<Long> longValue(String name) {
        return parsed(name, "a whole number", Long::parseLong);
    }

    Optional<Instant> instant(String name) {
        return parsed(name, "an ISO-8601 time like 2026-12-03T14:00:00Z", Instant::parse);
    }

    int limit(int fallback, int max) {
        return parsed("limit", "a whole number from 1 to " + max, raw -> {
            int value = Integer.parseInt(raw);
            if (value < 1 || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        }).orElse(fallback);
    }

    /** Records a problem found across parameters (a range whose end comes before its start). */
    void problem(String name, String value, String expected) {
        problems.add(new ApiProblem(name, value, expected));
    }

    /** Throws one 400 naming every wrong parameter, when there is any. */
    void done() {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("bad query parameters", problems);
        }
    }
}
