package dev.marketolog.web.console;

import dev.marketolog.engine.InstanceBoard.Instances;
import dev.marketolog.engine.InstanceBoard.InstanceStatus;
import dev.marketolog.engine.InstanceRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/instances}: the instances of {@code serve} on this database (which one answers, which live, when
 * each was last heard from, the accounts each runs) and the accounts waiting for an instance to take them.
 */
final class InstancesApi {

    private final Supplier<ConsoleServices> services;
    private final InstantSource clock;

    InstancesApi(Supplier<ConsoleServices> services, InstantSource clock) {
        this.services = services;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.get(AdminApi.PREFIX + "/instances", this::instances);
    }

    private void instances(Context ctx) {
        ctx.json(InstancesJson.of(services.get().instances().read(), clock.instant()));
    }

    record InstancesJson(long liveWithinSeconds, List<InstanceJson> instances, List<String> waiting) {
        static InstancesJson of(Instances read, Instant now) {
            return new InstancesJson(InstanceRegistry.LIVE_WITHIN.toSeconds(),
                    read.instances().stream().map(instance -> InstanceJson.of(instance, now)).toList(), read.waiting());
        }
    }

    record InstanceJson(String id, String host, int httpPort, Instant startedAt, Instant heartbeatAt,
            long heardSecondsAgo, boolean self, boolean live, int runnable, int runningCount, List<String> running) {
        static InstanceJson of(InstanceStatus instance, Instant now) {
            return new InstanceJson(instance.id(), instance.host(), instance.httpPort(), instance.startedAt(),
                    instance.heartbeatAt(), Math.max(0, Duration.between(instance.heartbeatAt(), now).toSeconds()),
                    instance.self(), instance.live(), instance.runnable(), instance.running().size(), instance.running());
        }
    }
}
