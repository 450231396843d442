package dev.marketolog.web.console.panel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed-in browsers, in memory: a restart signs everyone out, which costs the operator one paste of the token.
 * A session ends {@link #IDLE} after its last request or {@link #ABSOLUTE} after the sign-in, whichever comes first
 * (OWASP's session management sheet: both an idle and an absolute timeout), or at logout.
 */
public final class PanelSessions {

    /** A console left open all day keeps its session; one forgotten over night and a day does not. */
    static final Duration IDLE = Duration.ofHours(12);
    /** Even a session in use signs in again once a week. */
    static final Duration ABSOLUTE = Duration.ofDays(7);

    private final InstantSource clock;
    private final Map<String, PanelSession> sessions = new ConcurrentHashMap<>();

    public PanelSessions(InstantSource clock) {
        this.clock = clock;
    }

    /** A new session with fresh random id and CSRF token (a new id at every sign-in: no session fixation). */
    PanelSession create() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> expired(session, now));
        PanelSession session = new PanelSession(Secrets.random256(), Secrets.random256(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as seen now; empty (and forgotten) when it has expired or never existed. */
    Optional<PanelSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // the map's own lookup compares ids by hash and equals: the id is 256 random bits, so timing reveals nothing usable
        PanelSession seen = sessions.computeIfPresent(id, (key, session) -> expired(session, now) ? null : session.seenAt(now));
        return Optional.ofNullable(seen);
    }

    /** Ends the session (logout). */
    void end(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private static boolean expired(PanelSession session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(IDLE)) || !now.isBefore(session.createdAt().plus(ABSOLUTE));
    }
}
