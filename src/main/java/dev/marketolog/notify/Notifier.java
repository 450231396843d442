package dev.marketolog.notify;

import dev.marketolog.config.NotifySettings;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Journal;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.NotificationOutbox;
import dev.marketolog.engine.NotificationStatus;
import dev.marketolog.engine.SkipReason;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications of {@code serve}: the sinks NOTIFY_* configures, the watch on the engine's events, the daily digest
 * and the delivery loop, run pass after pass on one virtual thread. Nothing here runs on an engine thread but the
 * watch's bookkeeping.
 */
public final class Notifier implements NotificationStatus.Source, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** The pause between two passes: the sinks' pace (one message a second) is the limit anyway. */
    static final Duration PASS = Duration.ofSeconds(1);
    /** Drafts waiting for review longer than this are reported. */
    static final Duration REVIEW_WAIT = Duration.ofMinutes(30);
    /** How often the review queue is looked at. */
    static final Duration REVIEW_CHECK = Duration.ofMinutes(1);
    /** Delivered notifications are kept this long, then deleted. */
    static final Duration KEEP_DELIVERED = Duration.ofDays(30);

    private final NotificationOutbox outbox;
    private final DeliveryLoop delivery;
    private final EngineWatch watch;
    private final DigestClock digest;
    private final Journal journal;
    private final List<String> accounts;
    private final InstantSource clock;
    private final List<Notification> unsaved = new ArrayList<>();
    private Instant nextPurge = Instant.MIN;
    private Instant nextReviewCheck = Instant.MIN;
    private boolean storeDown;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param accounts every configured account, in the order of the settings: the digest covers them all
     * @param digestZone the first account's TIMEZONE
     */
    Notifier(EngineWatch watch, NotifySettings settings, List<String> accounts, ZoneId digestZone, NotificationOutbox outbox, Journal journal,
            List<Sink> sinks, InstantSource clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.delivery = new DeliveryLoop(outbox, sinks, clock, registry);
        this.watch = watch;
        this.digest = new DigestClock(settings.digestHour(), digestZone);
        this.journal = journal;
        this.accounts = List.copyOf(accounts);
        this.clock = clock;
    }

    /** The sinks {@code settings} names, talking HTTP through {@code http}. */
    public static Notifier create(NotifySettings settings, List<String> accounts, ZoneId digestZone, NotificationOutbox outbox,
            Journal journal, AccountSessions sessions, HttpClient http, InstantSource clock, MeterRegistry registry) {
        List<Sink> sinks = new ArrayList<>();
        settings.webhook().ifPresent(url -> sinks.add(new WebhookSink(http, settings.webhookUrl(), settings.webhookFormat())));
        if (settings.bot()) {
            sinks.add(new BotApiSink(http, BotApiSink.baseUrl(), settings.botToken(), settings.chatId().orElseThrow()));
        }
        EngineWatch watch = new EngineWatch(settings.llmDownAfter());
        if (settings.savedMessages()) {
            // an account whose session went away cannot write, even to itself: its notes go to another account's
            sinks.add(new SavedMessagesSink(account -> watch.sessionGone(account) ? Optional.empty() : sessions.session(account), accounts));
        }
        return new Notifier(watch, settings, accounts, digestZone, outbox, journal, sinks, clock, registry);
    }

    /** Feeds the engine's events to the watch; give it to the engine as a listener. */
    public Consumer<EngineEvent> engineListener() {
        return watch;
    }

    /** Runs passes on a virtual thread until {@link #close()}. */
    public Notifier start() {
        thread = Thread.ofVirtual().name("notifications").start(this::run);
        return this;
    }

    private void run() {
        while (!closed) {
            pass();
            try {
                Thread.sleep(PASS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One pass: what the watch noticed and a due digest go into the outbox, then what is due goes out. A database that
     * does not answer is one warning until it answers again; what was noticed meanwhile is kept for the next pass.
     */
    void pass() {
        Instant now = clock.instant();
        try {
            unsaved.addAll(watch.drain());
            Optional<LocalDate> digestDay = digest.due(now);
            if (digestDay.isPresent()) {
                unsaved.add(digestOf(digestDay.get(), now));
                digest.written(digestDay.get());
            }
            if (!now.isBefore(nextReviewCheck)) {
                outbox.draftsWaitingSince(now.minus(REVIEW_WAIT)).forEach(w -> unsaved.add(Notification.reviewWaiting(w, now)));
                nextReviewCheck = now.plus(REVIEW_CHECK);
            }
            while (!unsaved.isEmpty()) {
                outbox.add(unsaved.getFirst());
                unsaved.removeFirst();
            }
            delivery.runOnce();
            if (!now.isBefore(nextPurge)) {
                outbox.purgeDelivered(now.minus(KEEP_DELIVERED));
                nextPurge = now.plus(Duration.ofHours(1));
            }
            if (storeDown) {
                log.info("notifications: the database answers again");
                storeDown = false;
            }
        } catch (RuntimeException e) {
            if (!storeDown) {
                log.warn("notifications: a pass failed, trying again every {} s: {}", PASS.toSeconds(), e.toString());
                storeDown = true;
            }
        }
    }

    private Notification digestOf(LocalDate day, Instant now) {
        Map<String, Map<SkipReason, Long>> skips = watch.takeSkips();
        Instant since = now.minus(Duration.ofDays(1));
        List<Digest.AccountDay> days = accounts.stream()
                .map(a -> Digest.AccountDay.of(a, journal.history(a, since), skips.getOrDefault(a, Map.of())))
                .toList();
        return Digest.of(day, digest.zone(), days, now);
    }

    @Override
    public NotificationStatus notificationStatus() {
        return delivery.notificationStatus();
    }

    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** When the digest is due: once a local day, at or after its hour. */
    static final class DigestClock {
        private final int hour;
        private final ZoneId zone;
        private Optional<LocalDate> last = Optional.empty();

        DigestClock(int hour, ZoneId zone) {
            this.hour = hour;
            this.zone = zone;
        }

        ZoneId zone() {
            return zone;
        }

        /**
         * The day whose digest is due at {@code now} (within its local hour) and not yet {@link #written}. Only within
         * the hour, so a process started in the afternoon does not greet with a digest; a restart within the hour
         * still sends it, and the outbox's key keeps it one a day.
         */
        Optional<LocalDate> due(Instant now) {
            ZonedDateTime local = now.atZone(zone);
            LocalDate day = local.toLocalDate();
            return local.getHour() != hour || last.filter(day::equals).isPresent() ? Optional.empty() : Optional.of(day);
        }

        void written(LocalDate day) {
            last = Optional.of(day);
        }
    }
}
