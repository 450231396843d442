package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Limits;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.PostKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A process dies in the middle of a busy day with a comment in flight; the next one starts on the same database. */
class RestartTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final List<Long> CHANNELS = List.of(-1001L, -1002L, -1003L);
    private static final Instant DAY = LocalDate.of(2026, 12, 1).atStartOfDay(TestAccounts.ZONE).toInstant();
    private static final Limits BUSY = TestAccounts.limits(TestAccounts.openLimits(), TestAccounts.openLimits().activeWindows(),
            12, 3, Duration.ofSeconds(60), Duration.ofMinutes(10), 2);
    private static final AccountSettings BOT = TestAccounts.with(TestAccounts.account("bot", CHANNELS), BUSY);

    /** The process dies: nothing in the engine may catch it. */
    private static final class Crash extends Error {
        Crash() {
            super("the process died", null, false, false);
        }
    }

    private static final Leasing INSTANCE = new Leasing("instance-1", Leasing.TERM);

    private final List<PostKey> reachedTelegram = new ArrayList<>();

    /** One process: its own clock from {@code start}, its own Telegram client on the shared world of posts. */
    private ScriptedTelegram process(VirtualClock clock, EngineStores stores, long seed, boolean crashOnSixthSend) {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, CHANNELS);
        int[] sends = {0};
        telegram.answerWith(post -> {
            if (crashOnSixthSend && ++sends[0] == 6) {
                reachedTelegram.add(post); // Telegram got it; the process died before the journal heard back
                throw new Crash();
            }
            return Optional.empty();
        });
        for (long channel : CHANNELS) {
            for (int i = 0; i < 24 * 12; i++) {
                Instant at = DAY.plus(Duration.ofMinutes(5L * i)).plusSeconds(channel % 7 + 7);
                if (at.isBefore(clock.instant())) {
                    telegram.existing(channel, i + 1, at, "post " + i);
                } else {
                    long id = i + 1;
                    clock.schedule(at, () -> telegram.publish(channel, id, "post " + id));
                }
            }
        }
        // the same instance restarted: it takes its own lease back at once (the database's clock would make another wait)
        Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), INSTANCE, new SplittableRandom(seed), e -> {});
        fleet.add(BOT, telegram, FixedWriter.writing());
        fleet.start();
        return telegram;
    }

    @Test
    void aRestartKeepsTheDaysLimitsCommentsNoPostTwiceAndTurnsTheInFlightRowUnknown() throws SQLException {
        AccountRepository accounts = new AccountRepository(db.dataSource(), () -> DAY);
        accounts.upsert("bot");
        accounts.syncAllowlist("bot", CHANNELS);

        VirtualClock first = new VirtualClock(DAY);
        ScriptedTelegram before = process(first, JdbcStores.create(db.dataSource()), 1, true);
        Instant crashedAt;
        try {
            first.runUntil(DAY.plus(Duration.ofDays(1)));
            throw new AssertionError("the first process should have died");
        } catch (Crash expected) {
            crashedAt = first.instant();
        }
        assertThat(statusOf(reachedTelegram.getFirst())).isEqualTo("sending");

        VirtualClock second = new VirtualClock(crashedAt.plusSeconds(30));
        ScriptedTelegram after = process(second, JdbcStores.create(db.dataSource()), 2, false);
        second.runUntil(DAY.plus(Duration.ofDays(1)).minusSeconds(1));

        assertThat(statusOf(reachedTelegram.getFirst())).isEqualTo("unknown");
        List<PostKey> commented = new ArrayList<>(reachedTelegram);
        before.comments().forEach(c -> commented.add(c.post()));
        after.comments().forEach(c -> commented.add(c.post()));
        assertThat(commented).doesNotHaveDuplicates();
        assertThat(after.comments()).isNotEmpty();

        List<JournalEntry> day = JdbcStores.create(db.dataSource()).journal().history("bot", DAY);
        assertThat(day).hasSize(12);
        assertThat(commented).hasSize(12);
        for (JournalEntry row : day) {
            Instant hourEnd = row.at().plus(Duration.ofHours(1));
            assertThat(day.stream().filter(e -> !e.at().isBefore(row.at()) && e.at().isBefore(hourEnd)).count()).isLessThanOrEqualTo(3);
        }
    }

    private static String statusOf(PostKey post) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select status from comment where channel_id = " + post.channelId()
                        + " and post_id = " + post.messageId() + " order by id desc limit 1")) {
            row.next();
            return row.getString(1);
        }
    }
}
