package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OWASP session management: random ids, an idle and an absolute timeout, logout ends the session. */
class PanelSessionsTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final PanelSessions sessions = new PanelSessions(clock);

    @Test
    void sessionIdAndCsrfTokenAre256RandomBitsAndDifferEachSignIn() {
        PanelSession first = sessions.create();
        PanelSession second = sessions.create();

        assertThat(first.id()).hasSize(43).isNotEqualTo(second.id()).isNotEqualTo(first.csrfToken());
        assertThat(first.csrfToken()).hasSize(43).isNotEqualTo(second.csrfToken());
    }

    @Test
    void sessionEndsAfterTwelveHoursIdle() {
        PanelSession session = sessions.create();
        clock.runUntil(clock.instant().plus(PanelSessions.IDLE).minusSeconds(1));
        assertThat(sessions.find(session.id())).as("just under the idle timeout").isPresent();

        clock.runUntil(clock.instant().plus(PanelSessions.IDLE));
        assertThat(sessions.find(session.id())).as("idle for the whole timeout").isEmpty();
    }

    @Test
    void sessionInUseStillEndsSevenDaysAfterTheSignIn() {
        PanelSession session = sessions.create();
        Instant signedIn = clock.instant();
        while (clock.instant().isBefore(signedIn.plus(PanelSessions.ABSOLUTE).minusSeconds(3600))) {
            assertThat(sessions.find(session.id())).isPresent();
            clock.runUntil(clock.instant().plus(Duration.ofHours(6)));
        }
        clock.runUntil(signedIn.plus(PanelSessions.ABSOLUTE));

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        PanelSession session = sessions.create();
        sessions.end(session.id());

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void unknownOrMissingCookieFindsNoSession() {
        sessions.create();

        assertThat(sessions.find("not-a-session")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void csrfTokenIsAcceptedOnlyWhenItMatchesExactly() {
        PanelSession session = sessions.create();

        assertThat(session.acceptsCsrf(session.csrfToken())).isTrue();
        assertThat(session.acceptsCsrf(session.csrfToken().substring(1))).isFalse();
        assertThat(session.acceptsCsrf("")).isFalse();
        assertThat(session.acceptsCsrf(null)).isFalse();
    }

    @Test
    void expiredSessionsAreForgottenWhenTheNextOneIsCreated() {
        sessions.create();
        sessions.create();
        clock.runUntil(clock.instant().plus(PanelSessions.IDLE));
        sessions.create();

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void toStringShowsNeitherTheIdNorTheCsrfToken() {
        PanelSession session = sessions.create();

        assertThat(session.toString()).doesNotContain(session.id()).doesNotContain(session.csrfToken());
    }
}
