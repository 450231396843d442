package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.marketolog.store.memory.InMemoryStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A database outage is the store's to report once: the accounts count what fails meanwhile, without a stack trace each. */
class StoreOutageLogTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;

    private final VirtualClock clock = new VirtualClock(START);
    private final Fleet fleet = new Fleet(clock, InMemoryStores.create(clock), new FleetRules(1, Duration.ZERO),
            new SplittableRandom(7), event -> {});
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        runnerLogger().addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        runnerLogger().detachAppender(logged);
    }

    @Test
    void failuresDuringAStoreOutageAreCountedWithoutAnErrorOrStackTrace() {
        runPostsWith(request -> {
            throw new StoreUnavailableException("cannot reserve a slot: An I/O error occurred", null);
        });

        assertThat(fleet.status().getFirst().failures()).isPositive();
        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN) && event.getMessage().contains("task failed"));
        assertThat(logged.list).allMatch(event -> event.getThrowableProxy() == null);
    }

    @Test
    void anUnexpectedFailureKeepsItsErrorAndStackTrace() {
        runPostsWith(request -> {
            throw new IllegalStateException("a bug");
        });

        assertThat(logged.list).anySatisfy(event -> {
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

    private static Logger runnerLogger() {
        return (Logger) LoggerFactory.getLogger(AccountRunner.class);
    }
}
