package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.cli.RealTimeClock;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.SendResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The lease fences the send, on real PostgreSQL whose clock decides the lease: a comment written while the lease passed
 * to another process is not sent; a long write does not keep the lease from renewal; a lost lease withdraws the send
 * in flight. Each test has its own account and post (the fleet rules read every account's journal), so they share one
 * database.
 */
class LeaseFenceTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final long CHANNEL = -1001L;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Commented as soon as it is published: the tests need no virtual or real minutes to pass. */
    private static final Limits AT_ONCE = new Limits(ActiveWindows.of(new HourWindow(0, 24)), TestAccounts.ZONE, 1000, 1000,
            Duration.ZERO, Duration.ZERO, 1000, Duration.ofMinutes(1440), Duration.ZERO);

    private final EngineStores stores = JdbcStores.create(db.dataSource());
    private final List<EngineEvent> events = new ArrayList<>();

    private static AccountPolicy registered(String name) {
        AccountRepository accounts = new AccountRepository(db.dataSource(), Instant::now);
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(CHANNEL));
        return TestAccounts.with(TestAccounts.account(name, List.of(CHANNEL)), AT_ONCE);
    }

    @Test
    void aCommentWrittenWhileAnotherProcessTookTheLeaseIsNotSent() {
        AccountPolicy account = registered("paused");
        // a frozen engine clock is a paused process (a long GC, a suspended VM): its own timers cannot run, the
        // database's clock goes on, and the lease of 1 s expires while the writer takes longer
        VirtualClock clock = new VirtualClock(Instant.now());
        ScriptedTelegram telegram = new ScriptedTelegram(clock, account.allowlist());
        CommentWriter slowerThanTheLease = request -> {
            await().atMost(WAIT).until(() -> stores.leases().take("paused", "other-process", Duration.ofMinutes(5)).isPresent());
            return new WriteResult.Written("written too late", 1);
        };
        Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new Leasing("this-process", Duration.ofSeconds(1)),
                new SplittableRandom(1), events::add);
        fleet.add(account, telegram, slowerThanTheLease);
        fleet.start();
        clock.runUntil(clock.instant());

        telegram.publish(CHANNEL, 1, "a post");
        clock.runUntil(clock.instant().plusMillis(10));

        assertThat(telegram.comments()).isEmpty();
        assertThat(value("select status from comment where account = 'paused'")).isEqualTo("released");
        assertThat(value("select owner from account_lease where account = 'paused'")).isEqualTo("other-process");
    }

    @Test
    void aWriteLongerThanTheLeaseDoesNotKeepItFromRenewal() throws Exception {
        AccountPolicy account = registered("patient");
        try (RealTimeClock clock = new RealTimeClock()) {
            ScriptedTelegram telegram = new ScriptedTelegram(clock, account.allowlist());
            CommentWriter longerThanTheLease = request -> {
                String firstExpiry = value("select expires_at from account_lease where account = 'patient'");
                await().atMost(WAIT).until(() -> "t".equals(value("select now() > '" + firstExpiry + "'::timestamptz + interval '1 second'")));
                return new WriteResult.Written("worth the wait", 1);
            };
            Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new Leasing("this-process", Duration.ofSeconds(2)),
                    new SplittableRandom(2), events::add);
            fleet.add(account, telegram, longerThanTheLease);
            fleet.start();
            await().atMost(WAIT).until(() -> fleet.status().getFirst().state() == RunState.RUNNING);

            telegram.publish(CHANNEL, 2, "a post");

            await().atMost(WAIT).until(() -> "sent".equals(value("select status from comment where account = 'patient'")));
            assertThat(value("select epoch || ' ' || owner from account_lease where account = 'patient'")).isEqualTo("1 this-process");
            fleet.stop();
        }
    }

    @Test
    void aLostLeaseWithdrawsTheSendInFlightAndTheAccountStandsBy() throws Exception {
        AccountPolicy account = registered("usurped");
        try (RealTimeClock clock = new RealTimeClock()) {
            ScriptedTelegram telegram = new ScriptedTelegram(clock, account.allowlist());
            CountDownLatch sending = new CountDownLatch(1);
            AtomicBoolean withdrawn = new AtomicBoolean();
            telegram.answerWith(post -> {
                sending.countDown();
                try {
                    new CountDownLatch(1).await(); // pending in Telegram until the adapter withdraws it
                    return Optional.empty();
                } catch (InterruptedException e) {
                    withdrawn.set(true);
                    return Optional.of(new SendResult.Unknown("withdrawn: interrupted"));
                }
            });
            Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new Leasing("this-process", Duration.ofSeconds(2)),
                    new SplittableRandom(3), events::add);
            fleet.add(account, telegram, FixedWriter.writing());
            fleet.start();
            await().atMost(WAIT).until(() -> fleet.status().getFirst().state() == RunState.RUNNING);
            telegram.publish(CHANNEL, 3, "a post");
            assertThat(sending.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the send started").isTrue();

            // another process takes the account over, as it may once the lease has lapsed
            update("update account_lease set owner = 'other-process', epoch = epoch + 1, expires_at = now() + interval '5 minutes'"
                    + " where account = 'usurped'");

            await().atMost(WAIT).until(withdrawn::get);
            await().atMost(WAIT).until(() -> "unknown".equals(value("select status from comment where account = 'usurped'")));
            await().atMost(WAIT).until(() -> fleet.status().getFirst().state() == RunState.RUNNING_ELSEWHERE);
            assertThat(telegram.disconnects).as("the session is closed while another process runs the account").isEqualTo(1);
            fleet.stop();
            assertThat(value("select owner from account_lease where account = 'usurped'")).isEqualTo("other-process");
        }
    }

    private static String value(String sql) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void update(String sql) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
