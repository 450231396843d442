package dev.marketolog.notify;

import dev.marketolog.engine.Notification;
import dev.marketolog.engine.NotificationOutbox;
import dev.marketolog.engine.NotificationOutbox.Backlog;
import dev.marketolog.engine.NotificationOutbox.Outcome;
import dev.marketolog.engine.NotificationOutbox.Pending;
import dev.marketolog.engine.NotificationStatus;
import dev.marketolog.engine.NotificationStatus.SinkStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds to every sink, at least once: a pass claims the due notifications, sends each sink the
 * ones it lacks as one message (so a rate limit batches rather than drops), and records who has what. A sink that
 * fails is tried again with backoff ({@link Backoff}); the others are not sent the same notification again. Passes
 * run on a virtual thread of their own ({@link #start}), so the engine never waits for a sink.
 */
public final class DeliveryLoop implements NotificationStatus.Source {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    /** The most notifications one pass claims. */
    static final int CLAIM = 100;

    private final NotificationOutbox outbox;
    private final List<Sink> sinks;
    private final Set<String> sinkNames;
    private final InstantSource clock;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Counter> delivered = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(Backlog.EMPTY);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Optional<String>> lastFailure = new AtomicReference<>(Optional.empty());
    private final Map<String, String> lastFailureOf = new ConcurrentHashMap<>();

    DeliveryLoop(NotificationOutbox outbox, List<Sink> sinks, InstantSource clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.sinks = List.copyOf(sinks);
        this.sinkNames = Set.copyOf(sinks.stream().map(Sink::name).toList());
        this.clock = clock;
        for (Sink sink : sinks) {
            delivered.put(sink.name(), Counter.builder("notify_deliveries_total").tag("sink", sink.name())
                    .description("messages a notification sink took").register(registry));
            failed.put(sink.name(), Counter.builder("notify_delivery_failures_total").tag("sink", sink.name())
                    .description("messages a notification sink did not take (they are sent again)").register(registry));
        }
        Gauge.builder("notify_backlog", backlog, b -> b.get().waiting())
                .description("notifications due and not yet delivered to every sink").register(registry);
    }

    /** One pass: sends what is due, then reads the backlog. Only one thread runs passes. */
    void runOnce() {
        Instant now = clock.instant();
        outbox.deliverDue(now, CLAIM, due -> deliver(due, now));
        backlog.set(outbox.backlog(now));
    }

    private List<Outcome> deliver(List<Pending> due, Instant now) {
        Map<Long, Set<String>> done = new HashMap<>();
        Map<Long, String> errors = new HashMap<>();
        due.forEach(p -> done.put(p.id(), new HashSet<>(p.sinksDone())));
        for (Sink sink : sinks) {
            List<Pending> lacking = due.stream().filter(p -> !p.sinksDone().contains(sink.name())).toList();
            if (lacking.isEmpty() || !ready(sink, now)) {
                continue;
            }
            List<Notification> batch = MessageText.fitting(lacking.stream().map(Pending::notification).toList(), sink.maxChars());
            List<Pending> sent = lacking.subList(0, batch.size());
            lastSent.put(sink.name(), now);
            try {
                sink.send(batch);
                sent.forEach(p -> done.get(p.id()).add(sink.name()));
                delivered.get(sink.name()).increment();
            } catch (SinkException e) {
                failed(sink, e.getMessage(), sent, errors);
            } catch (RuntimeException e) {
                // a bug, not an outage: named by its class only, as its message might quote a sink's secret
                failed(sink, "unexpected " + e.getClass().getName(), sent, errors);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Pending p : due) {
            Set<String> has = done.get(p.id());
            Optional<String> error = Optional.ofNullable(errors.get(p.id()));
            outcomes.add(has.containsAll(sinkNames)
                    ? new Outcome.Delivered(p.id(), now)
                    : new Outcome.Retry(p.id(), has, error.isPresent() ? now.plus(Backoff.after(p.attempts() + 1)) : now,
                            error.isPresent(), error));
        }
        return outcomes;
    }

    /** Whether the sink's service would take a message now: its last one was at least its interval ago. */
    private boolean ready(Sink sink, Instant now) {
        Instant last = lastSent.get(sink.name());
        return last == null || !now.isBefore(last.plus(sink.minInterval()));
    }

    /** Counts and logs a failed message; each of its notifications keeps the reason for the outbox. */
    private void failed(Sink sink, String reason, List<Pending> sent, Map<Long, String> errors) {
        String error = sink.name() + ": " + reason;
        sent.forEach(p -> errors.put(p.id(), error));
        failed.get(sink.name()).increment();
        failures.incrementAndGet();
        lastFailure.set(Optional.of(error));
        lastFailureOf.put(sink.name(), reason);
        log.warn("notifications: {} (sent again later)", error);
    }

    @Override
    public NotificationStatus notificationStatus() {
        Backlog now = backlog.get();
        List<SinkStatus> each = sinks.stream().map(s -> new SinkStatus(s.kind(), (long) delivered.get(s.name()).count(),
                (long) failed.get(s.name()).count(), Optional.ofNullable(lastFailureOf.get(s.name())))).toList();
        return new NotificationStatus(each, now.waiting(), now.oldestSince(), failures.get(), lastFailure.get());
    }
}
