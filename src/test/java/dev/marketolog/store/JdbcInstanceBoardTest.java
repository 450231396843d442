package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.Instance;
import dev.marketolog.engine.InstanceBoard.InstanceStatus;
import dev.marketolog.engine.InstanceBoard.Instances;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's view of the register of instances and the leases, on real PostgreSQL. */
class JdbcInstanceBoardTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant STARTED = Instant.parse("2026-12-01T08:00:00Z");

    private final JdbcInstanceRegistry registry = new JdbcInstanceRegistry(db.dataSource());
    private final JdbcInstanceBoard board = new JdbcInstanceBoard(db.dataSource(), "one");
    private EngineStores stores;

    @BeforeEach
    void empty() throws SQLException {
        EngineTables.reset(db.dataSource());
        db.run("delete from instance");
        stores = JdbcStores.create(db.dataSource());
    }

    @Test
    void eachInstanceShowsWhetherItLivesWhatItCanRunAndTheAccountsItsLeasesHold() throws SQLException {
        registry.join(new Instance("one", "host-one", 8000, STARTED), Set.of("a", "b"));
        registry.join(new Instance("two", "host-two", 8001, STARTED.plusSeconds(60)), Set.of("a", "b", "c"));
        stores.leases().take("a", "one", Duration.ofMinutes(5));
        stores.leases().take("c", "two", Duration.ofMinutes(5));
        stores.leases().take("b", "two", Duration.ofMinutes(5));
        db.run("update instance set heartbeat_at = now() - interval '16 seconds' where id = 'two'");

        Instances read = board.read();

        assertThat(read.instances()).extracting(InstanceStatus::id).containsExactly("one", "two");
        InstanceStatus one = read.instances().get(0);
        InstanceStatus two = read.instances().get(1);
        assertThat(one.self()).isTrue();
        assertThat(one.live()).isTrue();
        assertThat(one.host()).isEqualTo("host-one");
        assertThat(one.httpPort()).isEqualTo(8000);
        assertThat(one.startedAt()).isEqualTo(STARTED);
        assertThat(one.runnable()).isEqualTo(2);
        assertThat(one.running()).containsExactly("a");
        // silent past the live window: counted out, but its unexpired leases still hold its accounts
        assertThat(two.self()).isFalse();
        assertThat(two.live()).isFalse();
        assertThat(two.runnable()).isEqualTo(3);
        assertThat(two.running()).containsExactly("b", "c");
        assertThat(read.waiting()).isEmpty();
    }

    @Test
    void accountsALiveInstanceCanRunWithoutAnUnexpiredLeaseAreWaiting() {
        registry.join(new Instance("one", "host-one", 8000, STARTED), Set.of("a", "b"));
        stores.leases().take("a", "one", Duration.ofMinutes(5));
        stores.leases().take("b", "gone", Duration.ZERO);

        Instances read = board.read();

        assertThat(read.waiting()).containsExactly("b");
        assertThat(read.instances().get(0).running()).containsExactly("a");
    }

    @Test
    void anAccountOnlyADeadInstanceCouldRunIsNotWaitingForALiveOne() throws SQLException {
        registry.join(new Instance("one", "host-one", 8000, STARTED), Set.of("a"));
        registry.join(new Instance("two", "host-two", 8001, STARTED), Set.of("c"));
        db.run("update instance set heartbeat_at = now() - interval '1 minute' where id = 'two'");

        assertThat(board.read().waiting()).isEqualTo(List.of("a"));
    }

    @Test
    void withNoInstanceRegisteredTheBoardIsEmpty() {
        Instances read = board.read();

        assertThat(read.instances()).isEmpty();
        assertThat(read.waiting()).isEmpty();
    }

}
