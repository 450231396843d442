package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.config.Limits;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.llm.CommentPrompt;
import dev.marketolog.llm.LlmClient;
import dev.marketolog.llm.LlmCommentWriter;
import dev.marketolog.llm.LlmMetrics;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import dev.marketolog.llm.PromptTemplates;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.CaffeineCache;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * REVIEW_MODE on real PostgreSQL: drafts wait for an operator, hold their slots, go through the whole gate when
 * approved, and expire when nobody decides. Telegram is the engine tests' scripted one; the LLM is the local test server.
 */
class ReviewModeTest {

    @AutoClose
    final TestDatabase db = TestDatabase.create();

    private static final long CHANNEL = -1001L;
    private static final Instant DAY = LocalDate.of(2026, 12, 1).atStartOfDay(TestAccounts.ZONE).toInstant();
    private static final Operator ANNA = new Operator("anna", "10.0.0.7");
    private static final Leasing INSTANCE = new Leasing("instance-1", Leasing.TERM);
    private static final String CLEAN = "Ставку подняли снова, посмотрим, как быстро это дойдёт до цен в магазинах.";

    private final OpenAiTestServer llm = OpenAiTestServer.start();

    @AfterEach
    void stopLlm() {
        llm.close();
    }

    /** One process: the account in review mode, its Telegram with posts every ten minutes, the fleet and its desk. */
    private final class Scene {
        final VirtualClock clock;
        final EngineStores stores = JdbcStores.create(db.dataSource());
        final ScriptedTelegram telegram;
        final Fleet fleet;
        final ReviewDesk desk;

        Scene(Instant start, AccountPolicy account, CommentWriter writer) {
            clock = new VirtualClock(start);
            List<Long> channels = account.allowlist();
            telegram = new ScriptedTelegram(clock, channels);
            for (long channel : channels) {
                for (int i = 0; i < 24 * 6; i++) {
                    Instant at = DAY.plus(Duration.ofMinutes(10L * i)).minusSeconds(channel % 7 + 30);
                    long id = i + 1;
                    if (at.isBefore(start)) {
                        telegram.existing(channel, id, at, "Новость номер " + id + " о ставках и ценах");
                    } else {
                        clock.schedule(at, () -> telegram.publish(channel, id, "Новость номер " + id + " о ставках и ценах"));
                    }
                }
            }
            AccountRepository accounts = new AccountRepository(db.dataSource(), () -> start);
            accounts.upsert(account.name());
            accounts.syncAllowlist(account.name(), channels);
            fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), INSTANCE, new SplittableRandom(1), e -> {});
            fleet.add(account, telegram, writer);
            desk = fleet.reviewDesk();
            fleet.start();
        }

        Scene runFor(Duration duration) {
            clock.runUntil(clock.instant().plus(duration));
            return this;
        }

        ReviewItem onlyPending() {
            assertThat(desk.pending()).hasSize(1);
            return desk.pending().getFirst();
        }
    }

    private static AccountPolicy reviewed(Limits limits, Duration timeout, Long... channels) {
        return TestAccounts.reviewed(TestAccounts.with(TestAccounts.account("bot", List.of(channels)), limits), timeout);
    }

    /** One draft a day: the queue can never hold more than the day can send. */
    private static Limits oneADay() {
        Limits open = TestAccounts.openLimits();
        return TestAccounts.limits(open, open.activeWindows(), 1, 1, Duration.ZERO, Duration.ZERO, 1000);
    }

    private LlmCommentWriter llmWriter(boolean strict) {
        LlmSettings d = LlmSettings.defaults();
        LlmSettings settings = new LlmSettings(llm.baseUrl(), d.apiKey(), d.model(), d.temperature(), d.topP(), d.frequencyPenalty(),
                d.presencePenalty(), d.minLen(), d.maxLen(), d.maxEmojis(), strict, Duration.ofSeconds(10), 0, d.maxAttempts(),
                Optional.empty(), Optional.empty());
        LlmMetrics metrics = new LlmMetrics(new SimpleMeterRegistry());
        return new LlmCommentWriter(settings, new CommentPrompt(PromptTemplates.builtIn(), settings, Optional.empty()),
                new LlmClient(2, metrics), new CaffeineCache(), Duration.ofMinutes(15), metrics);
    }

    @Test
    void aDraftAwaitsReviewHoldingItsSlotAndNothingIsSent() throws SQLException {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), FixedWriter.writing());

        scene.runFor(Duration.ofMinutes(30));

        assertThat(scene.telegram.comments()).isEmpty();
        ReviewItem item = scene.onlyPending();
        assertThat(item.state()).isEqualTo(ReviewState.WAITING);
        assertThat(item.text()).isEqualTo(item.originalText()).startsWith("comment on ");
        assertThat(status(item.id())).isEqualTo("awaiting_review");
        // it counts against the day: one a day, so no second draft is written
        assertThat(scene.stores.journal().history("bot", DAY)).hasSize(1);
    }

    @Test
    void approvalSendsTheDraftOnceAndTheJournalKeepsWhoApproved() throws SQLException {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), FixedWriter.writing());
        ReviewItem item = scene.runFor(Duration.ofMinutes(30)).onlyPending();

        assertThat(scene.desk.approve(item.id(), ANNA)).isInstanceOf(ReviewAnswer.Done.class);
        scene.runFor(Duration.ofHours(3));

        assertThat(scene.telegram.comments()).singleElement().satisfies(c -> {
            assertThat(c.post()).isEqualTo(item.post().key());
            assertThat(c.text()).isEqualTo(item.text());
        });
        assertThat(status(item.id())).isEqualTo("sent");
        ReviewItem sent = scene.desk.item(item.id()).orElseThrow();
        assertThat(sent.state()).isEqualTo(ReviewState.SENT);
        assertThat(sent.approvedBy()).contains(ANNA);
        assertThat(scene.desk.history(item.id())).extracting(ReviewEvent::kind)
                .containsExactly(ReviewEvent.Kind.DRAFTED, ReviewEvent.Kind.APPROVED, ReviewEvent.Kind.SENT);
        assertThat(scene.desk.approve(item.id(), ANNA)).isInstanceOf(ReviewAnswer.Closed.class);
    }

    @Test
    void anEditWithALinkComesBackCleanedAndIsSentOnlyOnceTheOperatorConfirmsIt() throws SQLException {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), llmWriter(false));
        ReviewItem item = scene.runFor(Duration.ofMinutes(30)).onlyPending();

        ReviewAnswer answer = scene.desk.edit(item.id(), CLEAN + " Подробности на https://example.com/rates", ANNA);
        scene.runFor(Duration.ofMinutes(30));

        assertThat(answer).isInstanceOfSatisfying(ReviewAnswer.ConfirmCleaned.class, confirm -> {
            assertThat(confirm.fixes()).contains("link");
            assertThat(confirm.cleaned()).doesNotContain("example.com").startsWith("Ставку подняли снова");
        });
        assertThat(scene.telegram.comments()).isEmpty();
        String cleaned = ((ReviewAnswer.ConfirmCleaned) answer).cleaned();

        assertThat(scene.desk.edit(item.id(), cleaned, ANNA)).isInstanceOf(ReviewAnswer.Done.class);
        scene.runFor(Duration.ofMinutes(5));

        assertThat(scene.telegram.comments()).singleElement().extracting(ScriptedTelegram.Comment::text).isEqualTo(cleaned);
        ReviewItem sent = scene.desk.item(item.id()).orElseThrow();
        assertThat(sent.originalText()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
        assertThat(sent.text()).isEqualTo(cleaned);
        assertThat(sent.approvedBy()).contains(ANNA);
        assertThat(scene.desk.history(item.id())).filteredOn(e -> e.kind() == ReviewEvent.Kind.EDITED).singleElement()
                .satisfies(e -> {
                    assertThat(e.text()).contains(cleaned);
                    assertThat(e.by()).contains(ANNA);
                });
        assertThat(journalText(item.id())).isEqualTo(cleaned);
    }

    @Test
    void anEditWithALinkIsRefusedInStrictMode() {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), llmWriter(true));
        ReviewItem item = scene.runFor(Duration.ofMinutes(30)).onlyPending();

        ReviewAnswer answer = scene.desk.edit(item.id(), CLEAN + " Подробности на https://example.com/rates", ANNA);
        scene.runFor(Duration.ofMinutes(30));

        assertThat(answer).isInstanceOfSatisfying(ReviewAnswer.Refused.class, refused -> assertThat(refused.reasons()).contains("link"));
        assertThat(scene.telegram.comments()).isEmpty();
        assertThat(scene.onlyPending().text()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
    }

    @Test
    void regenerateAsksTheLlmAgainAndKeepsTheOldDraftInTheHistory() {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), llmWriter(false));
        ReviewItem item = scene.runFor(Duration.ofMinutes(30)).onlyPending();
        int callsBefore = llm.chatRequestCount();
        llm.enqueue(Reply.answer(CLEAN));

        ReviewAnswer answer = scene.desk.regenerate(item.id(), ANNA);

        assertThat(llm.chatRequestCount()).isGreaterThan(callsBefore);
        assertThat(answer).isInstanceOfSatisfying(ReviewAnswer.Done.class, done -> {
            assertThat(done.item().text()).isEqualTo(CLEAN);
            assertThat(done.item().state()).isEqualTo(ReviewState.WAITING);
        });
        assertThat(scene.desk.history(item.id())).extracting(ReviewEvent::kind, e -> e.text().orElse(""))
                .containsExactly(
                        tuple(ReviewEvent.Kind.DRAFTED, OpenAiTestServer.DEFAULT_ANSWER),
                        tuple(ReviewEvent.Kind.REGENERATED, CLEAN));
        assertThat(scene.runFor(Duration.ofMinutes(30)).telegram.comments()).isEmpty();
    }

    @Test
    void aPileOfTwentyApprovalsNeverBreaksMessagesPerHour() {
        Limits open = TestAccounts.openLimits();
        Limits threeAnHour = TestAccounts.limits(open, open.activeWindows(), 1000, 3, Duration.ZERO, Duration.ZERO, 1000);
        Scene scene = new Scene(DAY, reviewed(threeAnHour, Duration.ofHours(24), CHANNEL, -1002L, -1003L), FixedWriter.writing());
        scene.runFor(Duration.ofHours(8));
        List<ReviewItem> pile = scene.desk.pending().subList(0, 20);

        pile.forEach(item -> assertThat(scene.desk.approve(item.id(), ANNA)).isInstanceOf(ReviewAnswer.Done.class));
        scene.runFor(Duration.ofHours(10));

        List<Instant> sent = scene.telegram.comments().stream().map(ScriptedTelegram.Comment::at).toList();
        assertThat(sent).hasSize(20);
        for (Instant at : sent) {
            assertThat(sent.stream().filter(t -> !t.isBefore(at) && t.isBefore(at.plus(Duration.ofHours(1))))).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(pile).allSatisfy(item -> assertThat(scene.desk.item(item.id()).orElseThrow().state()).isEqualTo(ReviewState.SENT));
    }

    @Test
    void anUnreviewedDraftExpiresReleasingItsSlotAndItsPostIsNotDraftedAgain() throws SQLException {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofMinutes(30), CHANNEL), FixedWriter.writing());
        ReviewItem first = scene.runFor(Duration.ofMinutes(20)).onlyPending();

        scene.runFor(Duration.ofMinutes(40));

        assertThat(scene.desk.item(first.id()).orElseThrow().state()).isEqualTo(ReviewState.EXPIRED);
        assertThat(status(first.id())).isEqualTo("released");
        // the day's one slot is free again: the next draft is for another post
        ReviewItem next = scene.onlyPending();
        assertThat(next.post().key()).isNotEqualTo(first.post().key());
        assertThat(scene.telegram.comments()).isEmpty();
    }

    @Test
    void aRejectedDraftReleasesItsSlotAndItsPostIsNotDraftedAgain() throws SQLException {
        Scene scene = new Scene(DAY.plus(Duration.ofHours(10)), reviewed(oneADay(), Duration.ofHours(2), CHANNEL), FixedWriter.writing());
        ReviewItem first = scene.runFor(Duration.ofMinutes(20)).onlyPending();

        assertThat(scene.desk.reject(first.id(), ANNA)).isInstanceOf(ReviewAnswer.Done.class);
        scene.runFor(Duration.ofMinutes(20));

        assertThat(status(first.id())).isEqualTo("released");
        assertThat(scene.onlyPending().post().key()).isNotEqualTo(first.post().key());
        assertThat(scene.desk.history(first.id())).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ReviewEvent.Kind.REJECTED);
            assertThat(e.by()).contains(ANNA);
        });
    }

    @Test
    void aRestartKeepsTheQueueAndTheNextProcessSendsTheApprovedDraft() throws SQLException {
        AccountPolicy account = reviewed(oneADay(), Duration.ofHours(2), CHANNEL);
        Scene before = new Scene(DAY.plus(Duration.ofHours(10)), account, FixedWriter.writing());
        ReviewItem item = before.runFor(Duration.ofMinutes(20)).onlyPending();
        before.fleet.stop();

        Scene after = new Scene(before.clock.instant().plusSeconds(30), account, FixedWriter.writing());
        after.runFor(Duration.ofMinutes(5));

        assertThat(status(item.id())).isEqualTo("awaiting_review");
        assertThat(after.onlyPending().id()).isEqualTo(item.id());
        after.desk.approve(item.id(), ANNA);
        after.runFor(Duration.ofMinutes(5));
        assertThat(after.telegram.comments()).singleElement().extracting(ScriptedTelegram.Comment::post).isEqualTo(item.post().key());
        assertThat(before.telegram.comments()).isEmpty();
    }

    private String status(long id) throws SQLException {
        return column("status", id);
    }

    private String journalText(long id) throws SQLException {
        return column("text", id);
    }

    private String column(String column, long id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select " + column + " from comment where id = " + id)) {
            row.next();
            return row.getString(1);
        }
    }
}
