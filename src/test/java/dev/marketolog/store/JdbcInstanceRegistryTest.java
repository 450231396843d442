package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.Instance;
import dev.marketolog.engine.Roster;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcInstanceRegistryTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Duration LIVE_WITHIN = Duration.ofSeconds(15);
    private static final Instant STARTED = Instant.parse("2026-12-01T08:00:00Z");

    private final JdbcInstanceRegistry registry = new JdbcInstanceRegistry(db.dataSource());
    private EngineStores stores;

    @BeforeEach
    void empty() throws SQLException {
        EngineTables.reset(db.dataSource());
        db.run("delete from instance");
        stores = JdbcStores.create(db.dataSource());
    }

    @Test
    void aHeartbeatReadsTheLiveInstancesWithTheAccountsEachCanRunAndWhoHoldsWhichLease() {
        registry.join(instance("one"), Set.of("a", "b"));
        registry.join(instance("two"), Set.of("b", "c", "not-configured"));
        stores.leases().take("b", "two", Duration.ofMinutes(5));

        Roster roster = registry.heartbeat("one", LIVE_WITHIN).orElseThrow();

        assertThat(roster.live()).isEqualTo(Map.of("one", Set.of("a", "b"), "two", Set.of("b", "c")));
        assertThat(roster.holders()).isEqualTo(Map.of("b", "two"));
    }

    @Test
    void anInstanceSilentForLongerThanTheLiveWindowIsCountedOut() throws SQLException {
        registry.join(instance("one"), Set.of("a"));
        registry.join(instance("silent"), Set.of("a"));
        db.run("update instance set heartbeat_at = now() - interval '16 seconds' where id = 'silent'");

        assertThat(registry.heartbeat("one", LIVE_WITHIN).orElseThrow().live()).containsOnlyKeys("one");
    }

    @Test
    void aReleasedOrExpiredLeaseHasNoHolder() {
        registry.join(instance("one"), Set.of("a", "b"));
        stores.leases().take("a", "one", Duration.ofMinutes(5));
        stores.leases().release("a", "one");
        stores.leases().take("b", "one", Duration.ZERO);

        assertThat(registry.heartbeat("one", LIVE_WITHIN).orElseThrow().holders()).isEmpty();
    }

    @Test
    void anInstanceThatLeftIsGoneAndMustJoinAgain() {
        registry.join(instance("one"), Set.of("a"));
        registry.join(instance("two"), Set.of("a"));

        registry.leave("two");

        assertThat(registry.heartbeat("two", LIVE_WITHIN)).isEmpty();
        assertThat(registry.heartbeat("one", LIVE_WITHIN).orElseThrow().live()).containsOnlyKeys("one");
    }

    @Test
    void joiningAgainReplacesTheAccountsAnInstanceCanRun() {
        registry.join(instance("one"), Set.of("a", "b"));
        registry.join(instance("one"), Set.of("c"));

        assertThat(registry.heartbeat("one", LIVE_WITHIN).orElseThrow().live()).isEqualTo(Map.of("one", Set.of("c")));
    }

    private static Instance instance(String id) {
        return new Instance(id, "host-" + id, 8000, STARTED);
    }
}
