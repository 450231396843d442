package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.SpamGuardSettings;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the engine keeps in PostgreSQL: dry-run rows, and the ban list, slow-mode holds and spam blocks that a new process
 * on the same database must still obey. Each test has its own account and channels (the fleet rules read every account's
 * journal), so they share one database.
 */
class PersistentStateTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CLOSED = -1001L;
    private static final long SLOW = -1002L;
    private static final long OPEN = -1003L;
    private static final List<Long> CHANNELS = List.of(CLOSED, SLOW, OPEN);

    /** One process of the engine on the shared database: its own clock, Telegram client and fleet. */
    private static final class Process {
        final VirtualClock clock;
        final ScriptedTelegram telegram;
        final Fleet fleet;
        final List<EngineEvent> events = new ArrayList<>();
        private final List<Long> channels;
        private long nextPostId;
        private boolean started;

        Process(Instant start, AccountPolicy account, long firstPostId) {
            clock = new VirtualClock(start);
            telegram = new ScriptedTelegram(clock, account.allowlist());
            fleet = new Fleet(clock, JdbcStores.create(db.dataSource()), new FleetRules(1, Duration.ZERO), new SplittableRandom(3),
                    events::add);
            fleet.add(account, telegram, FixedWriter.writing());
            channels = account.allowlist();
            nextPostId = firstPostId;
        }

        Process start() {
            fleet.start();
            started = true;
            return this;
        }

        /** Runs (started if need be), a post in every channel of the account every 5 minutes, for {@code duration}. */
        Process runFor(Duration duration) {
            if (!started) {
                start();
            }
            Instant end = clock.instant().plus(duration);
            for (Instant at = clock.instant(); at.isBefore(end); at = at.plus(Duration.ofMinutes(5))) {
                clock.schedule(at, () -> channels.forEach(channel -> telegram.publish(channel, nextPostId++, "post")));
            }
            clock.runUntil(end);
            return this;
        }

        List<Long> commentedChannels() {
            return telegram.comments().stream().map(c -> c.post().channelId()).toList();
        }

        <T extends EngineEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static AccountPolicy registered(AccountPolicy account) {
        AccountRepository accounts = new AccountRepository(db.dataSource(), () -> START);
        accounts.upsert(account.name());
        accounts.syncAllowlist(account.name(), account.allowlist());
        return account;
    }

    private static SendResult failed(TelegramError error) {
        return new SendResult.Failed(error, true);
    }

    @Test
    void dryRunJournalsEachWouldBeCommentAsDryRunInTheDatabaseAndSendsNothing() throws SQLException {
        AccountPolicy dry = registered(TestAccounts.dryRun(TestAccounts.account("dry", List.of(-1011L))));

        Process process = new Process(START, dry, 1).runFor(Duration.ofHours(1));

        assertThat(process.telegram.comments()).isEmpty();
        assertThat(journalStatuses("dry")).isNotEmpty().containsOnly("dry_run");
    }

    @Test
    void theBanListAndASlowModeHoldSurviveARestartAndOnlyAClearedBanOpensTheChannelAgain() {
        AccountPolicy account = registered(TestAccounts.account("banned", CHANNELS));
        Process first = new Process(START, account, 1);
        boolean[] slowOnce = {true};
        first.telegram.answerWith(post -> {
            if (post.channelId() == CLOSED) {
                return Optional.of(failed(new TelegramError.ChannelClosed("USER_BANNED_IN_CHANNEL")));
            }
            if (post.channelId() == SLOW && slowOnce[0]) {
                slowOnce[0] = false;
                return Optional.of(failed(new TelegramError.SlowMode(Duration.ofHours(2))));
            }
            return Optional.empty();
        });
        first.runFor(Duration.ofMinutes(30));
        first.fleet.stop();
        EngineEvent.SlowMode slow = first.events(EngineEvent.SlowMode.class).getFirst();
        Instant holdEnd = slow.at().plus(Duration.ofHours(2));
        assertThat(first.events(EngineEvent.ChannelBanned.class)).extracting(EngineEvent.ChannelBanned::channelId).containsExactly(CLOSED);

        Process second = new Process(first.clock.instant(), account, 1000).runFor(Duration.between(first.clock.instant(), holdEnd));

        assertThat(second.commentedChannels()).isNotEmpty().containsOnly(OPEN);
        second.fleet.stop();

        Process third = new Process(holdEnd, account, 2000).runFor(Duration.ofHours(1));

        assertThat(third.commentedChannels()).contains(SLOW, OPEN).doesNotContain(CLOSED);
        third.fleet.stop();

        JdbcStores.create(db.dataSource()).channelStates().clearBan("banned", CLOSED);
        Process fourth = new Process(third.clock.instant(), account, 3000).runFor(Duration.ofHours(1));

        assertThat(fourth.commentedChannels()).contains(CLOSED, SLOW, OPEN);
    }

    @Test
    void aSpamBlockSurvivesARestartAndNothingIsSentBeforeItEnds() {
        AccountPolicy account = registered(TestAccounts.with(TestAccounts.account("blocked", List.of(-1021L)),
                new SpamGuardSettings(Duration.ofHours(1), Duration.ofHours(24), 3, Duration.ofSeconds(300))));
        Process first = new Process(START, account, 1);
        first.telegram.answerWith(post -> Optional.of(failed(new TelegramError.PeerFlood())));
        first.runFor(Duration.ofMinutes(30)); // three serious errors in a row come within minutes; the block lasts an hour

        first.fleet.stop();
        EngineEvent.SpamBlockStarted block = first.events(EngineEvent.SpamBlockStarted.class).getFirst();
        Instant blockEnd = block.at().plus(block.duration());
        assertThat(blockEnd).isAfter(first.clock.instant());

        Process second = new Process(first.clock.instant(), account, 1000).start();
        assertThat(second.fleet.status().getFirst().spamBlockUntil()).contains(blockEnd);
        second.runFor(Duration.ofHours(2));

        assertThat(second.telegram.comments()).isNotEmpty().allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(blockEnd));
    }

    private static List<String> journalStatuses(String account) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("select status from comment where account = ?")) {
            query.setString(1, account);
            List<String> statuses = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
    }
}
