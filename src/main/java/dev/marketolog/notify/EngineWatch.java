package dev.marketolog.notify;

import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Notices, from the engine's events, what changes no row: a session gone, an account failing repeatedly, the LLM down
 * for longer than NOTIFY_LLM_DOWN_MINUTES; and counts the skips for the digest. It only keeps what it noticed: the
 * delivery loop {@link #drain drains} it into the outbox, so an engine thread never waits for the database.
 */
final class EngineWatch implements Consumer<EngineEvent> {

    /** An account with this many failures (broken tasks, refused sends) within {@link #FAILING_WINDOW} is reported. */
    static final int FAILING_COUNT = 5;
    static final Duration FAILING_WINDOW = Duration.ofMinutes(15);
    /** A failing account is reported at most once in this long. */
    static final Duration FAILING_QUIET = Duration.ofHours(1);

    private final Duration llmDownAfter;
    private final List<Notification> noticed = new ArrayList<>();
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> failingReported = new HashMap<>();
    private final Map<String, Map<SkipReason, Long>> skips = new TreeMap<>();
    private final Set<String> gone = new HashSet<>();
    private Optional<Instant> llmDownSince = Optional.empty();
    private boolean llmDownReported;

    EngineWatch(Duration llmDownAfter) {
        this.llmDownAfter = llmDownAfter;
    }

    @Override
    public synchronized void accept(EngineEvent event) {
        switch (event) {
            case EngineEvent.SessionGone(String account, Instant at, String reason) -> {
                gone.add(account);
                noticed.add(Notification.sessionGone(account, reason, at));
            }
            case EngineEvent.AccountFailed(String account, Instant at, String error) -> failure(account, at, error);
            case EngineEvent.SendFailed(String account, Instant at, var post, String errorType) ->
                    failure(account, at, "a send under " + post + " failed: " + errorType);
            case EngineEvent.Skipped(String account, Instant at, var post, SkipReason reason) -> {
                skips.computeIfAbsent(account, a -> new EnumMap<>(SkipReason.class)).merge(reason, 1L, Long::sum);
                if (reason == SkipReason.WRITER_UNAVAILABLE) {
                    llmFailed(at);
                }
            }
            case EngineEvent.CommentSent sent -> {
                llmDownSince = Optional.empty();
                llmDownReported = false;
            }
            default -> { }
        }
    }

    private void failure(String account, Instant at, String error) {
        Deque<Instant> recent = failures.computeIfAbsent(account, a -> new ArrayDeque<>());
        recent.addLast(at);
        while (recent.getFirst().isBefore(at.minus(FAILING_WINDOW))) {
            recent.removeFirst();
        }
        Instant last = failingReported.get(account);
        if (recent.size() >= FAILING_COUNT && (last == null || !at.isBefore(last.plus(FAILING_QUIET)))) {
            failingReported.put(account, at);
            noticed.add(Notification.accountFailing(account, recent.size(), FAILING_WINDOW, error, recent.getFirst(), at));
        }
    }

    /** A draft the writer could not write: the LLM is down since the first of a run of these, reported once it lasts. */
    private void llmFailed(Instant at) {
        Instant since = llmDownSince.orElse(at);
        llmDownSince = Optional.of(since);
        if (!llmDownReported && !at.isBefore(since.plus(llmDownAfter))) {
            llmDownReported = true;
            noticed.add(Notification.llmDown(since, at));
        }
    }

    /** Whether the account's session went away (it needs a login, which needs a restart). */
    synchronized boolean sessionGone(String account) {
        return gone.contains(account);
    }

    /** What was noticed since the last drain, oldest first; forgotten here. */
    synchronized List<Notification> drain() {
        List<Notification> out = List.copyOf(noticed);
        noticed.clear();
        return out;
    }

    /** Skips by account and reason since the last call; the counts start again. */
    synchronized Map<String, Map<SkipReason, Long>> takeSkips() {
        Map<String, Map<SkipReason, Long>> out = new TreeMap<>();
        skips.forEach((account, reasons) -> out.put(account, Map.copyOf(reasons)));
        skips.clear();
        return out;
    }
}
