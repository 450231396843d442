package dev.marketolog.notify;

import dev.marketolog.config.NotifySettings.WebhookFormat;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;

/**
 * How fast the outbox drains: {@code EVENTS} notifications written one by one (each its own transaction, as a state
 * change writes them), then delivery passes to a local webhook, one pass per virtual second as the loop paces them,
 * until nothing waits. Reports the write time per event and the wall time of the passes (rows claimed, sent as batched
 * messages, recorded). Usage: {@code bench/run OutboxDeliveryBench [EVENTS]}.
 */
public final class OutboxDeliveryBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        try (TestDatabase db = TestDatabase.create(); SinkServer server = SinkServer.start()) {
            JdbcOutbox outbox = new JdbcOutbox(db.dataSource());
            long written = System.nanoTime();
            for (int i = 0; i < events; i++) {
                outbox.add(Notification.channelBanned("bot" + i % 10, -1000 - i, "the channel closed its comments", start));
            }
            double writeMs = (System.nanoTime() - written) / 1e6;
            VirtualClock clock = new VirtualClock(start);
            DeliveryLoop loop = new DeliveryLoop(outbox, List.of(new WebhookSink(HttpClient.newHttpClient(),
                    Secret.of(server.url("/hook").toString()), WebhookFormat.JSON)), clock, new SimpleMeterRegistry());
            long delivered = System.nanoTime();
            int passes = 0;
            do {
                loop.runOnce();
                passes++;
                clock.runUntil(clock.instant().plusSeconds(1));
            } while (loop.notificationStatus().waiting() > 0);
            double deliverMs = (System.nanoTime() - delivered) / 1e6;
            System.out.printf("%,d events: written in %.0f ms (%.2f ms each); delivered in %d passes, %d messages, %.0f ms of passes"
                    + " (%.1f ms a pass)%n", events, writeMs, writeMs / events, passes, server.accepted().size(), deliverMs,
                    deliverMs / passes);
        }
    }
}
