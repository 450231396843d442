package dev.marketolog.web;

import io.javalin.config.JavalinConfig;

/**
 * A part of the service that serves HTTP besides {@code /health} and {@code /metrics} (the console's API and panel):
 * it adds its routes, filters and renderers to the server's configuration before the server listens.
 */
@FunctionalInterface
public interface WebModule {
    void configure(JavalinConfig config);
}
