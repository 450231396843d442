package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcFeedbackStore;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.ForwardingTelegram;
import dev.marketolog.telegram.OurComment;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each account reads back its comments on the engine's clock while it runs, and the answers land in PostgreSQL. */
class FeedbackCollectionTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;

    private final VirtualClock clock = new VirtualClock(START);
    private final EngineStores stores = JdbcStores.create(db.dataSource());
    private final Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new Leasing("this-process", Leasing.TERM),
            new SplittableRandom(5), event -> {}, Optional.empty(), Optional.of(new JdbcFeedbackStore(db.dataSource())));
    private final AccountPolicy bot = TestAccounts.account("bot", List.of(CHANNEL));
    private final ScriptedTelegram scripted = new ScriptedTelegram(clock, bot.allowlist());
    private final ReadingTelegram telegram = new ReadingTelegram(scripted);

    /** Answers every comment with 2 reactions and 1 reply, but those under {@link #unreadable} posts; notes each ask. */
    private final class ReadingTelegram extends ForwardingTelegram {
        final Set<Long> unreadable = new HashSet<>();
        final List<Instant> asks = new ArrayList<>();
        final Map<Long, Integer> askedPerPost = new HashMap<>();
        int failuresLeft;

        ReadingTelegram(ScriptedTelegram delegate) {
            super(delegate);
        }

        @Override
        public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
            asks.add(clock.instant());
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("the read budget's connection broke");
            }
            Map<OurComment, CommentFeedback> read = new HashMap<>();
            for (OurComment comment : comments) {
                askedPerPost.merge(comment.post().messageId(), 1, Integer::sum);
                if (!unreadable.contains(comment.post().messageId())) {
                    read.put(comment, new CommentFeedback(2, 1));
                }
            }
            return read;
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        db.run("truncate comment, account_lease, account_state, account_channel, account, post_seen cascade");
        new AccountRepository(db.dataSource(), () -> START).upsert(bot.name());
    }

    private void advance(Duration by) {
        clock.runUntil(clock.instant().plus(by));
    }

    /** Three posts commented in the first minutes. */
    private void startAndComment() {
        fleet.add(bot, telegram, FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));
        for (long post = 1; post <= 3; post++) {
            scripted.publish(CHANNEL, post, "post " + post);
        }
        advance(Duration.ofMinutes(20));
        assertThat(scripted.comments()).hasSize(3);
    }

    @Test
    void readsEachCommentAtItsStepsStoringWhatCameBackAndAskingForAnUnreadableOneOnlyAtItsSteps() throws SQLException {
        telegram.unreadable.add(3L);
        startAndComment();

        advance(Duration.ofHours(1).plusMinutes(20));
        assertThat(db.column("select post_id || ':' || coalesce(reactions::text, '-') || '/' || coalesce(replies::text, '-')"
                + " || ' reads ' || reads from comment_feedback f join comment c on c.id = f.comment_id order by post_id"))
                .containsExactly("1:2/1 reads 1", "2:2/1 reads 1", "3:-/- reads 0");
        assertThat(telegram.asks).allSatisfy(at -> assertThat(at).isAfterOrEqualTo(START.plus(Duration.ofHours(1))));

        advance(Duration.ofHours(71).plusMinutes(20)); // past the last step at 72 h by more than a round

        assertThat(db.column("select reads from comment_feedback f join comment c on c.id = f.comment_id order by post_id"))
                .containsExactly("4", "4", "0");
        // the steps at 1 h, 6 h, 24 h and 72 h, however many rounds came in between
        assertThat(telegram.askedPerPost).containsEntry(1L, 4).containsEntry(2L, 4).containsEntry(3L, 4);
    }

    @Test
    void aPausedAccountReadsNothingUntilResumed() {
        startAndComment();
        fleet.control(bot.name(), new OperatorCommand.Pause(), () -> {});

        advance(Duration.ofHours(3));
        assertThat(telegram.asks).isEmpty();

        fleet.control(bot.name(), new OperatorCommand.Resume(), () -> {});
        advance(Duration.ofMinutes(20));
        assertThat(telegram.asks).isNotEmpty();
    }

    @Test
    void aSpamBlockedAccountReadsNothingUntilTheBlockEnds() {
        startAndComment();
        Instant blockEnds = clock.instant().plus(Duration.ofHours(3));
        stores.accountStates().save(bot.name(), new AccountState(Optional.of(blockEnds), 0, 1, Optional.of(clock.instant()),
                Optional.empty()), clock.instant());
        // the runner reads its state when it begins: a pause and a resume make it begin again
        fleet.control(bot.name(), new OperatorCommand.Pause(), () -> {});
        fleet.control(bot.name(), new OperatorCommand.Resume(), () -> {});

        clock.runUntil(blockEnds);
        assertThat(telegram.asks).isEmpty();

        advance(Duration.ofMinutes(20));
        assertThat(telegram.asks).isNotEmpty();
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextOneReadsAll() throws SQLException {
        telegram.failuresLeft = 1;
        startAndComment();

        advance(Duration.ofHours(1).plusMinutes(40));

        assertThat(telegram.asks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(db.column("select reads from comment_feedback order by comment_id")).containsExactly("1", "1", "1");
    }


}
