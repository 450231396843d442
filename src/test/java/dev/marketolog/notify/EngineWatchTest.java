package dev.marketolog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.Notification.Kind;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final PostKey POST = new PostKey(-1001, 7);

    private final EngineWatch watch = new EngineWatch(Duration.ofMinutes(15));

    @Test
    void theLlmIsReportedDownOnceItHasFailedForTheConfiguredMinutes() {
        watch.accept(unavailable(T0));
        watch.accept(unavailable(T0.plus(Duration.ofMinutes(14))));
        assertThat(watch.drain()).isEmpty();

        watch.accept(unavailable(T0.plus(Duration.ofMinutes(15))));
        watch.accept(unavailable(T0.plus(Duration.ofMinutes(40))));

        assertThat(watch.drain()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.LLM_DOWN);
            assertThat(n.key()).isEqualTo("llm_down:" + T0.toEpochMilli());
            assertThat(n.text()).contains("since 2026-12-03 10:00 UTC");
        });
    }

    @Test
    void aWrittenCommentEndsAnLlmOutage() {
        watch.accept(unavailable(T0));
        watch.accept(new EngineEvent.CommentSent("bot1", T0.plus(Duration.ofMinutes(10)), POST, Branch.INSTANT, "text", false));
        watch.accept(unavailable(T0.plus(Duration.ofMinutes(20))));

        assertThat(watch.drain()).isEmpty();
    }

    @Test
    void anAccountFailingFiveTimesInFifteenMinutesIsReportedOnceAnHour() {
        for (int i = 0; i < 12; i++) {
            watch.accept(new EngineEvent.AccountFailed("bot1", T0.plus(Duration.ofMinutes(i)), "boom " + i));
        }
        assertThat(watch.drain()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.ACCOUNT_FAILING);
            assertThat(n.text()).isEqualTo("bot1 failed 5 times within 15 minutes; the last: boom 4");
        });

        watch.accept(new EngineEvent.AccountFailed("bot1", T0.plus(Duration.ofMinutes(65)), "again"));
        for (int i = 0; i < 4; i++) {
            watch.accept(new EngineEvent.SendFailed("bot1", T0.plus(Duration.ofMinutes(66 + i)), POST, "peer_flood"));
        }
        assertThat(watch.drain()).extracting(Notification::kind).containsExactly(Kind.ACCOUNT_FAILING);
    }

    @Test
    void scatteredFailuresAreNotReported() {
        for (int i = 0; i < 10; i++) {
            watch.accept(new EngineEvent.AccountFailed("bot1", T0.plus(Duration.ofMinutes(20L * i)), "boom"));
        }
        assertThat(watch.drain()).isEmpty();
    }

    @Test
    void aSessionGoneIsReportedAndRemembered() {
        watch.accept(new EngineEvent.SessionGone("bot2", T0, "the session was terminated"));

        assertThat(watch.drain()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.SESSION_GONE);
            assertThat(n.account()).contains("bot2");
            assertThat(n.text()).contains("the session was terminated", "marketolog login");
        });
        assertThat(watch.sessionGone("bot2")).isTrue();
        assertThat(watch.sessionGone("bot1")).isFalse();
    }

    @Test
    void skipsAreCountedByAccountAndReasonUntilTaken() {
        watch.accept(new EngineEvent.Skipped("bot1", T0, POST, SkipReason.DAILY_LIMIT));
        watch.accept(new EngineEvent.Skipped("bot1", T0, POST, SkipReason.DAILY_LIMIT));
        watch.accept(new EngineEvent.Skipped("bot2", T0, POST, SkipReason.SKIP_KEYWORD));

        assertThat(watch.takeSkips()).isEqualTo(Map.of(
                "bot1", Map.of(SkipReason.DAILY_LIMIT, 2L),
                "bot2", Map.of(SkipReason.SKIP_KEYWORD, 1L)));
        assertThat(watch.takeSkips()).isEmpty();
    }

    private static EngineEvent unavailable(Instant at) {
        return new EngineEvent.Skipped("bot1", at, POST, SkipReason.WRITER_UNAVAILABLE);
    }
}
