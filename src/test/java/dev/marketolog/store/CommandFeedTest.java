package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.AccountControl.Accepted;
import dev.marketolog.engine.AccountControl.Actor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators' commands reach every process: by NOTIFY at once, by the poll when a notification was missed. */
class CommandFeedTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    /** Bounds a hung test on a shared machine; measures nothing. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** So long that only a notification can bring a command within the test. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Actor ACTOR = new Actor("127.0.0.1");

    private final String name = "bot-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<CommandFeed.Command> received = new CopyOnWriteArrayList<>();
    private JdbcAccountControl control;
    @AutoClose
    private CommandFeed feed;

    @BeforeEach
    void registerTheAccount() {
        new AccountRepository(db.dataSource(), InstantSource.fixed(NOW)).upsert(name);
        control = new JdbcAccountControl(db.dataSource(), InstantSource.fixed(NOW),
                new Settings(ProcessSettings.defaults(), List.of(AccountSettings.defaults(name, List.of(-1001L))), List.of()));
    }

    private void startFeed(Duration pollEvery) {
        feed = CommandFeed.open(db.dataSource(), InstantSource.fixed(NOW), "instance-a");
        feed.start(pollEvery, command -> {
            if (command.account().equals(name)) {
                received.add(command);
            }
        });
    }

    private List<String> commands() {
        return received.stream().map(CommandFeed.Command::command).toList();
    }

    @Test
    void aNotificationBringsTheCommandWithoutWaitingForThePoll() {
        startFeed(NEVER);
        await().atMost(PATIENCE).until(this::listening);

        control.pause(name, ACTOR);

        await().atMost(PATIENCE).until(() -> commands().equals(List.of("pause")));
    }

    @Test
    void aCommandWrittenWithoutANotificationIsFoundByThePoll() throws SQLException {
        startFeed(Duration.ofMillis(200));

        db.run("insert into operator_command (account, command, created_at) values ('" + name + "', 'resume', now())");

        await().atMost(PATIENCE).until(() -> commands().equals(List.of("resume")));
    }

    @Test
    void theListenerComesBackAfterItsConnectionIsKilledAndMissesNothing() throws SQLException {
        startFeed(NEVER);
        await().atMost(PATIENCE).until(this::listening);

        db.run("select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen operator_command'"
                + " and datname = current_database()");
        control.pause(name, ACTOR);
        control.resume(name, ACTOR);

        await().atMost(PATIENCE).until(() -> commands().equals(List.of("pause", "resume")));
    }

    @Test
    void aLiftIsHandedOverAgainUntilTheLeaseHolderHasAppliedItOtherCommandsOnce() throws SQLException {
        startFeed(Duration.ofMillis(100));

        long lift = ((Accepted) control.liftSpamBlock(name, ACTOR)).commandId();
        control.pause(name, ACTOR);
        await().atMost(PATIENCE).until(() -> commands().stream().filter("lift-spam-block"::equals).count() >= 3);
        feed.applied(lift);
        // written after the mark: every read that hands these over began after it
        control.resume(name, ACTOR);
        await().atMost(PATIENCE).until(() -> commands().contains("resume"));
        control.pause(name, ACTOR);
        await().atMost(PATIENCE).until(() -> commands().stream().filter("pause"::equals).count() == 2);

        List<String> all = commands();
        assertThat(all.subList(all.indexOf("resume"), all.size())).containsExactly("resume", "pause");
        assertThat(all.stream().filter("pause"::equals)).hasSize(2);
        assertThat(appliedBy(lift)).isEqualTo("instance-a");
    }

    private boolean listening() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from pg_stat_activity where query = 'listen operator_command'"
                        + " and datname = current_database()")) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    private static String appliedBy(long id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select applied_by from operator_command where id = " + id)) {
            row.next();
            return row.getString(1);
        }
    }
}
