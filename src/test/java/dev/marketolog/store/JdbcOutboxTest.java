package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.NotificationOutbox.Outcome;
import dev.marketolog.engine.NotificationOutbox.Pending;
import dev.marketolog.engine.NotificationOutbox.WaitingDrafts;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcOutboxTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private final JdbcOutbox outbox = new JdbcOutbox(db.dataSource());

    @BeforeEach
    void empty() throws SQLException {
        db.run("truncate notification_outbox");
        EngineTables.reset(db.dataSource());
    }

    @Test
    void aBanAndItsNotificationAreWrittenTogetherOrNeither() throws SQLException {
        JdbcChannelStateStore channels = new JdbcChannelStateStore(db.dataSource());
        db.run("""
                create function refuse_outbox() returns trigger language plpgsql as
                $$ begin raise exception 'disk full while writing notification_outbox'; end $$;
                create trigger refuse_outbox before insert on notification_outbox execute function refuse_outbox();""");
        try {
            assertThatThrownBy(() -> channels.ban("a", -1001, "CHAT_WRITE_FORBIDDEN", T0)).hasMessageContaining("disk full");
        } finally {
            db.run("drop trigger refuse_outbox on notification_outbox; drop function refuse_outbox();");
        }
        assertThat(channels.load("a")).isEmpty();

        channels.ban("a", -1001, "CHAT_WRITE_FORBIDDEN", T0);

        assertThat(due(T0)).singleElement().satisfies(p -> {
            assertThat(p.notification().kind()).isEqualTo(Notification.Kind.CHANNEL_BANNED);
            assertThat(p.notification().text()).isEqualTo("a put channel -1001 on its ban list: CHAT_WRITE_FORBIDDEN");
        });
    }

    @Test
    void theSameKeyTwiceIsOneNotification() {
        outbox.add(Notification.llmDown(T0, T0));
        outbox.add(Notification.llmDown(T0, T0.plusSeconds(60)));

        assertThat(outbox.backlog(T0.plusSeconds(60)).waiting()).isEqualTo(1);
    }

    @Test
    void aSpamBlockEndIsDueAtItsEndOrWhenItIsLiftedSooner() {
        JdbcAccountStateStore states = new JdbcAccountStateStore(db.dataSource());
        Instant until = T0.plus(Duration.ofHours(1));
        states.save("a", new AccountState(Optional.of(until), 0, 0, Optional.of(T0), Optional.empty()), T0);

        assertThat(due(T0)).extracting(p -> p.notification().kind()).containsExactly(Notification.Kind.SPAM_BLOCK_STARTED);
        Instant lifted = T0.plus(Duration.ofMinutes(10));
        states.save("a", new AccountState(Optional.empty(), 0, 0, Optional.of(T0), Optional.empty()), lifted);

        assertThat(due(lifted)).extracting(p -> p.notification().kind())
                .containsExactly(Notification.Kind.SPAM_BLOCK_STARTED, Notification.Kind.SPAM_BLOCK_ENDED);
    }

    @Test
    void deliveredNotificationsAreNotDueAgainAndAFailedOneWaitsForItsRetry() {
        outbox.add(Notification.llmDown(T0, T0));
        outbox.add(Notification.sessionGone("a", "terminated", T0));
        List<Pending> first = due(T0);

        outbox.deliverDue(T0, 10, due -> List.of(
                new Outcome.Delivered(first.get(0).id(), T0),
                new Outcome.Retry(first.get(1).id(), java.util.Set.of("webhook"), T0.plusSeconds(5), true, Optional.of("bot: 502"))));

        assertThat(due(T0.plusSeconds(4))).isEmpty();
        assertThat(due(T0.plusSeconds(5))).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.sinksDone()).containsExactly("webhook");
        });
        assertThat(outbox.purgeDelivered(T0.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void onlyAnUndecidedDraftInTheReviewQueueForHalfAnHourIsReportedAndOnce() throws SQLException {
        waitingDraft(1, "a", "waiting", "2026-12-03 09:00Z");
        waitingDraft(2, "a", "waiting", "2026-12-03 09:50Z");
        // approved by the operator, it waits for the gate with the journal's awaiting_review status: decided, not reported
        waitingDraft(3, "b", "approved", "2026-12-03 09:00Z");
        waitingDraft(4, "c", "waiting", "2026-12-03 09:45Z");

        List<WaitingDrafts> waiting = outbox.draftsWaitingSince(T0.minus(Duration.ofMinutes(30)));

        assertThat(waiting).singleElement().satisfies(w -> {
            assertThat(w.account()).isEqualTo("a");
            assertThat(w.count()).isEqualTo(2);
            assertThat(w.oldestSince()).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
            assertThat(Notification.reviewWaiting(w, T0).text())
                    .isEqualTo("a has 2 draft(s) waiting for review, the oldest since 2026-12-03 09:00 UTC");
        });
        // the notifier looks every minute: the same oldest draft is the same event
        outbox.add(Notification.reviewWaiting(waiting.getFirst(), T0));
        outbox.add(Notification.reviewWaiting(outbox.draftsWaitingSince(T0.plusSeconds(60).minus(Duration.ofMinutes(30))).getFirst(),
                T0.plusSeconds(60)));
        assertThat(due(T0.plusSeconds(60))).singleElement()
                .satisfies(p -> assertThat(p.notification().kind()).isEqualTo(Notification.Kind.REVIEW_WAITING));
    }

    /** A draft in review mode as JdbcReviewStore leaves it: its journal row awaiting review and its item in {@code state}. */
    private static void waitingDraft(long post, String account, String state, String since) throws SQLException {
        db.run("""
                with c as (insert into comment (account, channel_id, post_id, branch, status, text, created_at, updated_at)
                           values ('%1$s', -1001, %2$d, 'instant', 'awaiting_review', 'draft', timestamptz '%3$s', now()) returning id)
                insert into review_item (id, account, channel_title, post_published_at, post_text, comments_under, state,
                                         original_text, text, created_at, expires_at)
                select id, '%1$s', 'News', timestamptz '%3$s', 'post', '{}', '%4$s', 'draft', 'draft', timestamptz '%3$s',
                       timestamptz '%3$s' + interval '2 hours' from c""".formatted(account, post, since, state));
    }

    private List<Pending> due(Instant now) {
        List<Pending> seen = new ArrayList<>();
        outbox.deliverDue(now, 100, due -> {
            seen.addAll(due);
            return List.of(); // left as they are
        });
        return seen;
    }
}
