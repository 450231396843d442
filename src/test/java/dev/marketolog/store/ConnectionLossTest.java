package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {

    /** What pg_terminate_backend makes the driver say, wrapped as the store wraps it. */
    private static StoreException terminated() {
        return new StoreException("cannot migrate the database: Connection is closed",
                new RuntimeException(new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
    }

    @Test
    void aStepWhoseConnectionWasTerminatedIsTriedAgainAndSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = ConnectionLoss.retry("migrate", () -> {
            if (calls.incrementAndGet() < ConnectionLoss.ATTEMPTS) {
                throw terminated();
            }
            return "migrated";
        }, Duration.ZERO);

        assertThat(result).isEqualTo("migrated");
        assertThat(calls).hasValue(ConnectionLoss.ATTEMPTS);
    }

    @Test
    void aConnectionLostAtEveryAttemptEndsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> ConnectionLoss.retry("migrate", () -> {
            calls.incrementAndGet();
            throw terminated();
        }, Duration.ZERO)).isInstanceOf(StoreException.class).hasMessageContaining("Connection is closed");
        assertThat(calls).hasValue(ConnectionLoss.ATTEMPTS);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> ConnectionLoss.retry("migrate", () -> {
            calls.incrementAndGet();
            throw new StoreException("cannot migrate", new SQLException("syntax error", "42601"));
        }, Duration.ZERO)).hasMessage("cannot migrate");
        assertThat(calls).hasValue(1);
    }
}
