package dev.marketolog.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.marketolog.engine.RunState;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: Javalin on virtual threads serving the given handlers; {@link #close()} stops taking requests. */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin javalin;

    private WebServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Listens on {@code host:port} and serves {@code GET /health} and {@code GET /metrics}; another method on either is
     * 405, any other path 404.
     *
     * @param port the TCP port, or 0 for a free one (see {@link #port()})
     * @throws WebServerException when the address cannot be bound, saying why (taken port, not our address, ...)
     */
    public static WebServer start(String host, int port, Handler health, MetricsHandler metrics) {
        return start(host, port, health, metrics, List.of());
    }

    /** As {@link #start(String, int, Handler, MetricsHandler)}, with the routes of {@code modules} (the console) too. */
    public static WebServer start(String host, int port, Handler health, MetricsHandler metrics, List<WebModule> modules) {
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(objectMapper(), true));
            config.routes.get("/health", health);
            config.routes.get("/metrics", metrics);
            modules.forEach(module -> module.configure(config));
        });
        try {
            // Javalin logs its own error for a failed bind, and the caller reports ours: try the address first
            BindFailure.requireBindable(host, port);
            javalin.start(host, port);
        } catch (JavalinBindException | BindFailure.Unbindable e) {
            throw new WebServerException(
                    "cannot listen on " + host + ":" + port + " (HTTP_HOST, HTTP_PORT): " + BindFailure.describe(e, host, port), e);
        }
        log.info("HTTP listening on http://{}:{}", host, javalin.port());
        return new WebServer(javalin);
    }

    /**
     * Fails at once, with the reason, when {@code host:port} cannot be bound: serve asks before it loads anything else,
     * so a taken port or a wrong HTTP_HOST ends the start within a second.
     *
     * @throws WebServerException when the address cannot be bound
     */
    public static void requireBindable(String host, int port) {
        try {
            BindFailure.requireBindable(host, port);
        } catch (BindFailure.Unbindable e) {
            throw new WebServerException(
                    "cannot listen on " + host + ":" + port + " (HTTP_HOST, HTTP_PORT): " + BindFailure.describe(e, host, port), e);
        }
    }

    /**
     * True when {@code host} (HTTP_HOST) is reachable from other machines: anything but a loopback address, the
     * wildcard {@code 0.0.0.0} included. A name that does not resolve counts as reachable (the bind fails anyway).
     */
    public static boolean reachableFromNetwork(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** JSON as operators read it: snake_case names, ISO-8601 instants, run states in words ("needs login"). */
    private static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule().addSerializer(RunState.class, new RunStateSerializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }

    private static final class RunStateSerializer extends StdSerializer<RunState> {
        RunStateSerializer() {
            super(RunState.class);
        }

        @Override
        public void serialize(RunState state, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeString(state.label());
        }
    }

    /** The port it listens on; the chosen one when started with port 0. */
    public int port() {
        return javalin.port();
    }

    /** Stops accepting connections and lets requests in flight finish. */
    @Override
    public void close() {
        javalin.stop();
        log.info("HTTP stopped");
    }
}
