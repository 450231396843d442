package dev.marketolog.web.console;

import dev.marketolog.engine.NotificationStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/notifications}: the configured sinks by kind (never a webhook URL or bot token), the backlog and
 * the age of its oldest notification, and each sink's deliveries, failures and last failure (masked where it failed).
 */
final class NotificationsApi {

    private final Supplier<ConsoleServices> services;
    private final InstantSource clock;

    NotificationsApi(Supplier<ConsoleServices> services, InstantSource clock) {
        this.services = services;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.get(AdminApi.PREFIX + "/notifications", this::status);
    }

    private void status(Context ctx) {
        ctx.json(NotificationsJson.of(services.get().notifications().notificationStatus(), clock.instant()));
    }

    /** Absent values are {@code null}: {@code oldest_waiting_since} when nothing waits, {@code last_failure} when none failed. */
    record NotificationsJson(boolean on, List<SinkJson> sinks, long waiting, Instant oldestWaitingSince,
            Long oldestWaitingSeconds, long deliveryFailures, String lastFailure) {

        static NotificationsJson of(NotificationStatus status, Instant now) {
            return new NotificationsJson(status.on(), status.sinks().stream().map(SinkJson::of).toList(), status.waiting(),
                    status.oldestWaitingSince().orElse(null),
                    status.oldestWaitingSince().map(since -> Duration.between(since, now).toSeconds()).orElse(null),
                    status.deliveryFailures(), status.lastFailure().orElse(null));
        }
    }

    record SinkJson(String kind, long deliveries, long failures, String lastFailure) {
        static SinkJson of(NotificationStatus.SinkStatus sink) {
            return new SinkJson(sink.kind(), sink.deliveries(), sink.failures(), sink.lastFailure().orElse(null));
        }
    }
}
