package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.marketolog.CapturedLog;
import dev.marketolog.store.memory.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A database outage is the store's to report once: the accounts count what fails meanwhile, without a stack trace each. */
class StoreOutageLogTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;

    private final VirtualClock clock = new VirtualClock(START);
    private final Fleet fleet = new Fleet(clock, InMemoryStores.create(clock), new FleetRules(1, Duration.ZERO),
            new SplittableRandom(7), event -> {});
    @RegisterExtension
    final CapturedLog logged = CapturedLog.of(AccountRunner.class);



    @Test
    void failuresDuringAStoreOutageAreCountedWithoutAnErrorOrStackTrace() {
        runPostsWith(request -> {
            throw new StoreUnavailableException("cannot reserve a slot: An I/O error occurred", null);
        });

        assertThat(fleet.status().getFirst().failures()).isPositive();
        assertThat(logged.events()).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN) && event.getMessage().contains("task failed"));
        assertThat(logged.events()).allMatch(event -> event.getThrowableProxy() == null);
    }

    @Test
    void anUnexpectedFailureKeepsItsErrorAndStackTrace() {
        runPostsWith(request -> {
            throw new IllegalStateException("a bug");
        });

        assertThat(logged.events()).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

    private void runPostsWith(CommentWriter writer) {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, List.of(CHANNEL));
        fleet.add(TestAccounts.account("bot", List.of(CHANNEL)), telegram, writer);
        fleet.start();
        for (int post = 1; post <= 3; post++) {
            telegram.publish(CHANNEL, post, "post " + post);
        }
        clock.runUntil(START.plus(Duration.ofHours(1)));
    }

}
