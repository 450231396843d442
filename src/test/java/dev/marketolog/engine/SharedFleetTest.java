package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.cli.RealTimeClock;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcInstanceRegistry;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.ForwardingTelegram;
import dev.marketolog.telegram.Telegram;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Fleets of two instances sharing the accounts through one real PostgreSQL (leases and the register on its clock): the
 * second one's arrival halves the first's accounts, a stopped one's accounts move at the next round, and a hand-over
 * waits for the send in flight and closes the session before it gives the lease up.
 */
class SharedFleetTest {

    @AutoClose
    final TestDatabase db = TestDatabase.create();

    private static final long CHANNEL = -1001L;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration TERM = Duration.ofMinutes(5);
    private static final Limits AT_ONCE = new Limits(ActiveWindows.of(new HourWindow(0, 24)), TestAccounts.ZONE, 1000, 1000,
            Duration.ZERO, Duration.ZERO, 1000, Duration.ofMinutes(1440), Duration.ZERO);

    private final EngineStores stores = JdbcStores.create(db.dataSource());
    private final InstanceRegistry registry = new JdbcInstanceRegistry(db.dataSource());

    @Test
    void aSecondInstanceGetsHalfTheAccountsAndAllOfThemOnceTheFirstStops() {
        List<AccountPolicy> accounts = registered("p", "q", "r", "s");
        VirtualClock clock = new VirtualClock(Instant.now());
        Map<String, ScriptedTelegram> firstSessions = sessions(clock, accounts);
        Fleet first = fleet("first", clock, accounts, firstSessions::get);
        first.start();
        clock.runUntil(clock.instant().plusSeconds(1));
        assertThat(first.runningHere()).containsExactly("p", "q", "r", "s");

        Map<String, ScriptedTelegram> secondSessions = sessions(clock, accounts);
        Fleet second = fleet("second", clock, accounts, secondSessions::get);
        second.start();
        clock.runUntil(clock.instant().plus(Balancer.EVERY.multipliedBy(3)));

        assertThat(first.runningHere()).hasSize(2);
        assertThat(second.runningHere()).hasSize(2).doesNotContainAnyElementsOf(first.runningHere());
        // a session is open only where its account runs
        assertThat(disconnected(firstSessions)).containsExactlyInAnyOrderElementsOf(second.runningHere());

        first.stop();
        clock.runUntil(clock.instant().plus(Balancer.EVERY));

        assertThat(second.runningHere()).containsExactly("p", "q", "r", "s");
        assertThat(second.status()).extracting(AccountStatus::state).containsOnly(RunState.RUNNING);
        second.stop();
    }

    @Test
    void aHandOverWaitsForTheSendInFlightAndClosesTheSessionBeforeTheLeaseIsGivenUp() throws Exception {
        List<AccountPolicy> accounts = registered("x", "y");
        try (RealTimeClock clock = new RealTimeClock()) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Map<String, ScriptedTelegram> firstSessions = sessions(clock, accounts);
            // "y" is the one handed over (the last by name of those the other can run); its send hangs until let go
            firstSessions.get("y").answerWith(post -> {
                sending.countDown();
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("sent");
                return Optional.empty();
            });
            Fleet first = fleet("first", clock, accounts, account -> recording(account, firstSessions.get(account), order));
            first.start();
            await().atMost(WAIT).until(() -> first.runningHere().size() == 2
                    && first.status().stream().allMatch(s -> s.state() == RunState.RUNNING));
            firstSessions.get("y").publish(CHANNEL, 1, "a post");
            assertThat(sending.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the send started").isTrue();

            Fleet second = fleet("second", clock, accounts, sessions(clock, accounts)::get);
            second.start();
            // the first instance's next round (it has seen the second) asks for the hand-over while the send hangs
            String joined = value("select now()::text");
            await().atMost(WAIT).until(() -> "true".equals(value("select (heartbeat_at > timestamptz '" + joined
                    + "' + interval '1 second')::text from instance where id = 'first'")));
            assertThat(value("select owner from account_lease where account = 'y' and expires_at > now()")).isEqualTo("first");
            letGo.countDown();

            await().atMost(WAIT).until(() -> second.runningHere().equals(List.of("y")));
            assertThat(order).containsExactly("sent", "disconnected");
            assertThat(value("select status from comment where account = 'y'")).isEqualTo("sent");
            assertThat(first.runningHere()).containsExactly("x");
            second.stop();
            first.stop();
        }
    }

    private Fleet fleet(String id, EngineClock clock, List<AccountPolicy> accounts, Function<String, Telegram> sessions) {
        Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new Leasing(id, TERM), new SplittableRandom(id.hashCode()),
                event -> {}, Optional.of(new Fleet.Sharing(new Instance(id, "localhost", 0, clock.instant()), registry)));
        accounts.forEach(account -> fleet.add(account, sessions.apply(account.name()), FixedWriter.writing()));
        return fleet;
    }

    private List<AccountPolicy> registered(String... names) {
        AccountRepository repository = new AccountRepository(db.dataSource(), Instant::now);
        return Arrays.stream(names).map(name -> {
            repository.upsert(name);
            repository.syncAllowlist(name, List.of(CHANNEL));
            return TestAccounts.with(TestAccounts.account(name, List.of(CHANNEL)), AT_ONCE);
        }).toList();
    }

    private static Map<String, ScriptedTelegram> sessions(EngineClock clock, List<AccountPolicy> accounts) {
        return accounts.stream().collect(Collectors.toMap(AccountPolicy::name, a -> new ScriptedTelegram(clock, a.allowlist())));
    }

    private static List<String> disconnected(Map<String, ScriptedTelegram> sessions) {
        return sessions.entrySet().stream().filter(e -> e.getValue().disconnects > 0).map(Map.Entry::getKey).toList();
    }

    /** The account's session, noting in {@code order} when the engine closes it while this instance still holds the lease. */
    private Telegram recording(String account, ScriptedTelegram session, List<String> order) {
        return new ForwardingTelegram(session) {
            @Override
            public void disconnect() {
                // the lease must still be this instance's when its session closes
                if ("first".equals(value("select owner from account_lease where account = '" + account + "' and expires_at > now()"))) {
                    order.add("disconnected");
                }
                session.disconnect();
            }
        };
    }

    private String value(String sql) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
