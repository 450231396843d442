package dev.marketolog.web.console;

import java.time.Duration;

/** The outcome of presenting a token to the console, by bearer header or by the panel's login form. */
public sealed interface SignIn {
    /** The token is ADMIN_TOKEN. */
    record Accepted() implements SignIn {}

    /** The token is missing or wrong. */
    record Rejected() implements SignIn {}

    /** The address failed too often: nothing it sends is checked until {@code retryAfter} has passed. */
    record Refused(Duration retryAfter) implements SignIn {}
}
