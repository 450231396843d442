package dev.marketolog.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter of the registry in the Prometheus text format. */
public final class MetricsHandler implements Handler {

    /** The Prometheus text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
