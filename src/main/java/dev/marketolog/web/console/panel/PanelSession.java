package dev.marketolog.web.console.panel;

import java.time.Instant;
import java.util.Objects;

/**
 * One signed-in browser: the id its cookie carries, the CSRF token its forms carry, and the times that end it.
 *
 * @param createdAt when the token was given; the session ends {@link PanelSessions#ABSOLUTE} later whatever happens
 * @param lastSeen  the last request; the session ends {@link PanelSessions#IDLE} after it
 */
record PanelSession(String id, String csrfToken, Instant createdAt, Instant lastSeen) {

    PanelSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    PanelSession seenAt(Instant now) {
        return new PanelSession(id, csrfToken, createdAt, now);
    }

    /** Whether {@code offered} is this session's CSRF token, compared in constant time. */
    boolean acceptsCsrf(String offered) {
        return Secrets.sameInConstantTime(csrfToken, offered);
    }

    @Override
    public String toString() {
        return "PanelSession[createdAt=" + createdAt + ", lastSeen=" + lastSeen + "]"; // the id and token are credentials
    }
}
