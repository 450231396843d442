package dev.marketolog.web.console;

import java.util.Objects;

/**
 * One thing wrong with a request: the field (a query parameter, a JSON field, a setting's key), the value as given
 * (secrets masked by whoever builds it) and what was expected.
 */
public record ApiProblem(String field, String value, String expected) {
    public ApiProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expected, "expected");
    }
}
