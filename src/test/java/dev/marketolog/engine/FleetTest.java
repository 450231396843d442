package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.config.SpamGuardSettings;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;
    private static final long OTHER_CHANNEL = -1002L;

    private final VirtualClock clock = new VirtualClock(START);
    private final EngineStores stores = InMemoryStores.create(clock);
    private final List<EngineEvent> events = new ArrayList<>();
    private Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(7), events::add);

    private ScriptedTelegram runs(AccountPolicy settings, CommentWriter writer) {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, settings.allowlist());
        fleet.add(settings, telegram, writer);
        return telegram;
    }

    private void advance(Duration duration) {
        clock.runUntil(clock.instant().plus(duration));
    }

    private static AccountPolicy bot() {
        return TestAccounts.account("bot", List.of(CHANNEL, OTHER_CHANNEL));
    }

    /** Publishes a post in {@code channel} every {@code every} until {@code until}, message ids counting from {@code firstId}. */
    private void publishEvery(ScriptedTelegram telegram, long channel, Duration every, Instant until, long firstId) {
        long[] next = {firstId};
        Runnable[] publish = new Runnable[1];
        publish[0] = () -> {
            telegram.publish(channel, next[0]++, "post " + next[0]);
            if (clock.instant().plus(every).isBefore(until)) {
                clock.schedule(clock.instant().plus(every), publish[0]);
            }
        };
        clock.schedule(clock.instant(), publish[0]);
    }

    private <T extends EngineEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static SendResult failed(TelegramError error) {
        return new SendResult.Failed(error, true);
    }

    @Test
    void newPostIsCommentedOnceAfterTheInstantDelay() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));
        Instant published = clock.instant();
        telegram.publish(CHANNEL, 17, "A post about the weather");

        advance(Duration.ofHours(3));

        assertThat(telegram.comments()).singleElement().satisfies(c -> {
            assertThat(c.post()).isEqualTo(new PostKey(CHANNEL, 17));
            assertThat(c.text()).isEqualTo("comment on 17");
            assertThat(c.at()).isBetween(published.plusSeconds(300), published.plusSeconds(330));
        });
        assertThat(stores.journal().history("bot", START)).singleElement()
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(CommentStatus.SENT);
                    assertThat(e.branch()).isEqualTo(Branch.INSTANT);
                });
        assertThat(events(EngineEvent.CommentSent.class)).singleElement().satisfies(e -> assertThat(e.dryRun()).isFalse());
        assertThat(fleet.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(RunState.RUNNING);
            assertThat(s.sentToday()).isEqualTo(1);
            assertThat(s.dailyLimit()).isEqualTo(1000);
        });
    }

    @Test
    void theSchedulerTakesTheChannelCommentedLongestAgoAndItsNewestFreshPost() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.existing(CHANNEL, 1, START.minus(Duration.ofHours(3)), "older");
        telegram.existing(CHANNEL, 2, START.minus(Duration.ofHours(2)), "newer");
        telegram.existing(OTHER_CHANNEL, 5, START.minus(Duration.ofHours(5)), "other");
        telegram.existing(OTHER_CHANNEL, 4, START.minus(Duration.ofDays(2)), "stale");

        fleet.start();
        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).extracting(ScriptedTelegram.Comment::post).containsExactly(
                new PostKey(CHANNEL, 2), new PostKey(OTHER_CHANNEL, 5), new PostKey(CHANNEL, 1));
        assertThat(stores.journal().history("bot", START)).extracting(JournalEntry::branch).containsOnly(Branch.SCHEDULER);
    }

    @Test
    void disabledAccountStaysIdle() {
        ScriptedTelegram telegram = runs(TestAccounts.disabled(bot()), FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");
        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).isEmpty();
        assertThat(fleet.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(RunState.IDLE));
    }

    @Test
    void anAccountWithoutSessionShowsItNeedsALogin() {
        fleet.addNeedingLogin(bot());
        fleet.start();
        advance(Duration.ofHours(1));

        assertThat(fleet.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(RunState.NEEDS_LOGIN));
    }

    @Test
    void aDeclinedPostReleasesItsSlotCountsNothingAndIsNotAskedAgain() {
        FixedWriter writer = FixedWriter.answering(new WriteResult.Declined(List.of("skip"), 1));
        ScriptedTelegram telegram = runs(bot(), writer);
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(3));

        assertThat(telegram.comments()).isEmpty();
        assertThat(writer.requests).hasSize(1);
        assertThat(stores.journal().history("bot", START)).isEmpty();
        assertThat(events(EngineEvent.Skipped.class)).extracting(EngineEvent.Skipped::reason).containsExactly(SkipReason.WRITER_DECLINED);
    }

    @Test
    void anUnavailableWriterReleasesTheSlotAndThePostIsTriedAgain() {
        FixedWriter writer = FixedWriter.answering(new WriteResult.Unavailable("connection refused", 3));
        ScriptedTelegram telegram = runs(bot(), writer);
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(1));

        assertThat(writer.requests.size()).isGreaterThan(1);
        assertThat(telegram.comments()).isEmpty();
        assertThat(stores.journal().history("bot", START)).isEmpty();
    }

    @Test
    void dryRunJournalsTheWouldBeCommentAndSendsNothing() {
        ScriptedTelegram telegram = runs(TestAccounts.dryRun(bot()), FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).isEmpty();
        assertThat(stores.journal().history("bot", START)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(CommentStatus.DRY_RUN));
        assertThat(stores.journal().recentTexts("bot", 5)).containsExactly("comment on 1");
        assertThat(events(EngineEvent.CommentSent.class)).singleElement().satisfies(e -> assertThat(e.dryRun()).isTrue());
    }

    @Test
    void floodWaitStopsAccountForItsSeconds() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.thenAnswer(failed(new TelegramError.FloodWait(Duration.ofSeconds(3000))));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(3)), 1);
        publishEvery(telegram, OTHER_CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(3)), 1000);
        fleet.start();

        advance(Duration.ofHours(3));

        EngineEvent.FloodWait wait = events(EngineEvent.FloodWait.class).getFirst();
        assertThat(wait.duration()).isEqualTo(Duration.ofSeconds(3000));
        Instant waitEnd = wait.at().plusSeconds(3000);
        assertThat(telegram.comments()).extracting(ScriptedTelegram.Comment::at)
                .isNotEmpty()
                .noneMatch(at -> at.isAfter(wait.at()) && at.isBefore(waitEnd))
                .anyMatch(at -> !at.isBefore(waitEnd));
        assertThat(events(EngineEvent.SpamBlockStarted.class)).isEmpty();
    }

    @Test
    void aFloodWaitIsObeyedWithAJitterOfAtMostThirtySecondsOnTop() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.thenAnswer(failed(new TelegramError.FloodWait(Duration.ofSeconds(3000))));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(1)), 1);
        fleet.start();

        advance(Duration.ofMinutes(40));

        EngineEvent.FloodWait wait = events(EngineEvent.FloodWait.class).getFirst();
        Instant waitEnd = wait.at().plus(wait.duration());
        assertThat(stores.accountStates().load("bot").floodWaitUntil()).hasValueSatisfying(until -> assertThat(until)
                .isAfter(waitEnd)
                .isBeforeOrEqualTo(waitEnd.plusSeconds(30)));
    }

    @Test
    void seriousErrorsInARowPutTheAccountToSleepAndItWakesUp() {
        AccountPolicy settings = TestAccounts.with(bot(),
                new SpamGuardSettings(Duration.ofHours(1), Duration.ofHours(24), 3, Duration.ofSeconds(300)));
        ScriptedTelegram telegram = runs(settings, FixedWriter.writing());
        telegram.answerWith(post -> Optional.of(failed(new TelegramError.PeerFlood())));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(2)), 1);
        fleet.start();

        advance(Duration.ofMinutes(60));

        assertThat(events(EngineEvent.PeerFlood.class)).hasSize(3);
        EngineEvent.SpamBlockStarted block = events(EngineEvent.SpamBlockStarted.class).getFirst();
        assertThat(block.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(fleet.status().getFirst().spamBlockUntil()).contains(block.at().plus(Duration.ofHours(1)));

        telegram.answerWith(post -> Optional.empty());
        advance(Duration.ofHours(2));

        assertThat(events(EngineEvent.SpamBlockEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(block.at().plus(Duration.ofHours(1))));
        assertThat(telegram.comments()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(block.at().plus(Duration.ofHours(1))));
    }

    @Test
    void aClosedChannelGoesOnTheBanListAndIsNeverTriedAgainWhileOthersGoOn() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.answerWith(post -> post.channelId() == CHANNEL
                ? Optional.of(failed(new TelegramError.ChannelClosed("CHAT_WRITE_FORBIDDEN"))) : Optional.empty());
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(4)), 1);
        publishEvery(telegram, OTHER_CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(4)), 1000);
        fleet.start();

        advance(Duration.ofHours(4));

        assertThat(events(EngineEvent.SendFailed.class)).singleElement()
                .satisfies(e -> assertThat(e.errorType()).isEqualTo("channel_closed"));
        assertThat(events(EngineEvent.ChannelBanned.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("CHAT_WRITE_FORBIDDEN"));
        assertThat(stores.channelStates().load("bot").get(CHANNEL).banned()).isTrue();
        assertThat(telegram.comments()).hasSizeGreaterThan(3).allSatisfy(c -> assertThat(c.post().channelId()).isEqualTo(OTHER_CHANNEL));
    }

    @Test
    void aChannelClosedWhenPreparedIsBannedAtOnce() {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, bot().allowlist())
                .closed(CHANNEL, new TelegramError.ChannelClosed("join request declined"));
        fleet.add(bot(), telegram, FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).isEmpty();
        assertThat(stores.channelStates().load("bot").get(CHANNEL).bannedReason()).contains("join request declined");
    }

    /** Found by the chaos harness: serve started while the sandbox was away and its accounts never commented again. */
    @Test
    void channelsThatCouldNotBePreparedWhileTelegramWasUnreachableAreAskedForAgainAndCommented() {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, bot().allowlist()).unreachableUntil(START.plusSeconds(40));
        fleet.add(bot(), telegram, FixedWriter.writing());
        fleet.start();
        advance(Duration.ofMinutes(1));
        telegram.publish(CHANNEL, 1, "A post after Telegram came back");

        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).extracting(ScriptedTelegram.Comment::post).containsExactly(new PostKey(CHANNEL, 1));
    }

    @Test
    void slowModeHoldsThatChannelForItsDelay() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.thenAnswer(failed(new TelegramError.SlowMode(Duration.ofMinutes(45))));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(2)), 1);
        fleet.start();

        advance(Duration.ofHours(2));

        EngineEvent.SlowMode slow = events(EngineEvent.SlowMode.class).getFirst();
        assertThat(telegram.comments()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.at()).isAfterOrEqualTo(slow.at().plus(Duration.ofMinutes(45))));
    }

    @Test
    void slowModeHoldsOnlyThatChannelWhileTheOthersGoOn() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.answerWith(post -> post.channelId() == CHANNEL && events(EngineEvent.SlowMode.class).isEmpty()
                ? Optional.of(failed(new TelegramError.SlowMode(Duration.ofHours(2)))) : Optional.empty());
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(3)), 1);
        publishEvery(telegram, OTHER_CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(3)), 1000);
        fleet.start();

        advance(Duration.ofHours(3));

        EngineEvent.SlowMode slow = events(EngineEvent.SlowMode.class).getFirst();
        Instant holdEnd = slow.at().plus(Duration.ofHours(2));
        List<ScriptedTelegram.Comment> duringTheHold = telegram.comments().stream()
                .filter(c -> c.at().isAfter(slow.at()) && c.at().isBefore(holdEnd)).toList();
        assertThat(duringTheHold).isNotEmpty().allSatisfy(c -> assertThat(c.post().channelId()).isEqualTo(OTHER_CHANNEL));
        assertThat(telegram.comments()).anySatisfy(c -> {
            assertThat(c.post().channelId()).isEqualTo(CHANNEL);
            assertThat(c.at()).isAfterOrEqualTo(holdEnd);
        });
    }

    @Test
    void theWriterIsAskedOnlyForAPostWhoseSlotIsAlreadyReservedSoNoTextIsWrittenThatCannotBeSent() {
        Limits open = TestAccounts.openLimits();
        AccountPolicy twoADay = TestAccounts.with(bot(), TestAccounts.limits(open, open.activeWindows(), 2, 1000, Duration.ZERO, Duration.ZERO, 1000));
        // Asked to write, the post must already hold this account's live row: a second reservation of it is refused.
        List<Reservation> secondReservation = new ArrayList<>();
        ScriptedTelegram telegram = runs(twoADay, request -> {
            secondReservation.add(stores.journal().reserve("bot", request.post().key(), Branch.SCHEDULER, clock.instant(), new FleetRules(10, Duration.ZERO), 1));
            return new WriteResult.Written("comment on " + request.post().messageId(), 1);
        });
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(2)), 1);
        fleet.start();

        advance(Duration.ofHours(3));

        assertThat(secondReservation).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(Reservation.AlreadyCommented.class));
        assertThat(telegram.comments()).hasSize(2);
    }

    @Test
    void aGonePostIsSkippedForGood() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.answerWith(post -> post.messageId() == 1 ? Optional.of(failed(new TelegramError.PostGone("Message not found"))) : Optional.empty());
        telegram.publish(CHANNEL, 1, "text");

        fleet.start();
        advance(Duration.ofHours(3));

        assertThat(events(EngineEvent.PostGone.class)).singleElement().satisfies(e -> assertThat(e.post()).isEqualTo(new PostKey(CHANNEL, 1)));
        assertThat(events(EngineEvent.SendFailed.class)).hasSize(1);
    }

    @Test
    void aPostGoneForOneAccountIsNotWrittenForAnother() {
        FixedWriter firstWriter = FixedWriter.writing();
        FixedWriter secondWriter = FixedWriter.writing();
        ScriptedTelegram first = runs(TestAccounts.account("first", List.of(CHANNEL)), firstWriter);
        ScriptedTelegram second = runs(TestAccounts.account("second", List.of(CHANNEL)), secondWriter);
        for (ScriptedTelegram telegram : List.of(first, second)) {
            telegram.answerWith(post -> Optional.of(failed(new TelegramError.PostGone("Message not found"))));
        }
        fleet.start();
        first.publish(CHANNEL, 1, "text");
        second.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(3));

        List<CommentRequest> requests = new ArrayList<>(firstWriter.requests);
        requests.addAll(secondWriter.requests);
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.post().key()).isEqualTo(new PostKey(CHANNEL, 1)));
        String metGone = firstWriter.requests.isEmpty() ? "second" : "first";
        assertThat(events(EngineEvent.PostGone.class)).singleElement().satisfies(e -> assertThat(e.account()).isEqualTo(metGone));
        assertThat(events(EngineEvent.Skipped.class)).filteredOn(e -> e.reason() == SkipReason.POST_GONE).singleElement()
                .satisfies(e -> assertThat(e.account()).isNotEqualTo(metGone));
    }

    @Test
    void sessionGoneStopsTheAccountWhichThenNeedsALogin() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.thenAnswer(failed(new TelegramError.SessionGone("authorizationStateClosed")));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(5), START.plus(Duration.ofHours(2)), 1);
        fleet.start();

        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).isEmpty();
        assertThat(events(EngineEvent.SendFailed.class)).hasSize(1);
        assertThat(events(EngineEvent.SessionGone.class)).hasSize(1);
        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.NEEDS_LOGIN);
    }

    @Test
    void theListenerHearingTheSessionIsGoneStopsTheAccountToo() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));

        telegram.listener().sessionGone("logged out");
        telegram.publish(CHANNEL, 1, "text");
        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).isEmpty();
        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.NEEDS_LOGIN);
    }

    @Test
    void ownCommentsDeletedBySomeoneElseBanTheChannelAtTheLimit() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "one");
        advance(Duration.ofHours(1));
        telegram.publish(CHANNEL, 2, "two");
        advance(Duration.ofHours(1));
        assertThat(telegram.comments()).hasSize(2);

        // the scripted Telegram numbers its messages 1, 2, ... in the discussion group CHANNEL - 1_000_000
        telegram.listener().discussionMessageDeleted(CHANNEL, CHANNEL - 1_000_000, 1);
        advance(Duration.ofMinutes(1));
        assertThat(events(EngineEvent.ChannelBanned.class)).isEmpty();
        telegram.listener().discussionMessageDeleted(CHANNEL, CHANNEL - 1_000_000, 2);
        advance(Duration.ofMinutes(1));

        assertThat(events(EngineEvent.ChannelBanned.class)).singleElement()
                .satisfies(e -> assertThat(e.channelId()).isEqualTo(CHANNEL));
    }

    @Test
    void beingRestrictedInTheDiscussionGroupBansTheChannel() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));

        telegram.listener().restricted(CHANNEL, "chatMemberStatusRestricted");
        telegram.publish(CHANNEL, 1, "text");
        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).isEmpty();
        assertThat(stores.channelStates().load("bot").get(CHANNEL).banned()).isTrue();
    }

    @Test
    void postsWithoutTextOrWithASkipKeywordAreSkipped() {
        ScriptedTelegram telegram = runs(TestAccounts.skipping(bot(), List.of("Giveaway", " sale ")), FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "");
        telegram.publish(CHANNEL, 2, "Big GIVEAWAY today");
        telegram.publish(OTHER_CHANNEL, 3, "Winter SALE starts");
        telegram.publish(OTHER_CHANNEL, 4, "Plain news");

        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).extracting(ScriptedTelegram.Comment::post).containsExactly(new PostKey(OTHER_CHANNEL, 4));
        assertThat(events(EngineEvent.Skipped.class)).extracting(EngineEvent.Skipped::reason)
                .containsExactlyInAnyOrder(SkipReason.NO_TEXT, SkipReason.SKIP_KEYWORD, SkipReason.SKIP_KEYWORD);
    }

    @Test
    void postsOfChannelsOffTheAllowlistAreIgnored() {
        ScriptedTelegram telegram = runs(TestAccounts.account("bot", List.of(CHANNEL)), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));

        telegram.listener().newPost(new Post(OTHER_CHANNEL, 1, clock.instant(), "text"));
        advance(Duration.ofHours(1));

        assertThat(telegram.comments()).isEmpty();
    }

    @Test
    void anExceptionInOneAccountIsCountedAndNeverStopsAnother() {
        CommentWriter broken = request -> {
            throw new IllegalStateException("writer broke");
        };
        ScriptedTelegram first = runs(TestAccounts.account("first", List.of(CHANNEL)), broken);
        ScriptedTelegram second = runs(TestAccounts.account("second", List.of(OTHER_CHANNEL)), FixedWriter.writing());
        fleet.start();
        first.publish(CHANNEL, 1, "text");
        second.publish(OTHER_CHANNEL, 2, "text");

        advance(Duration.ofHours(1));

        assertThat(second.comments()).hasSize(1);
        assertThat(fleet.status().getFirst().failures()).isPositive();
        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING);
        assertThat(stores.journal().history("first", START)).isEmpty();
        assertThat(events(EngineEvent.AccountFailed.class)).isNotEmpty().allSatisfy(e -> assertThat(e.account()).isEqualTo("first"));
    }

    @Test
    void ourAccountsShareAPostAndAChannelOnlyAsTheFleetRulesAllow() {
        fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ofMinutes(30)), new SplittableRandom(3), events::add);
        Limits spaced = TestAccounts.limits(TestAccounts.openLimits(), TestAccounts.openLimits().activeWindows(), 1000, 1000,
                Duration.ZERO, Duration.ofMinutes(40), 1000);
        ScriptedTelegram first = runs(TestAccounts.with(TestAccounts.account("first", List.of(CHANNEL)), spaced), FixedWriter.writing());
        ScriptedTelegram second = runs(TestAccounts.with(TestAccounts.account("second", List.of(CHANNEL)), spaced), FixedWriter.writing());
        for (int i = 1; i <= 12; i++) {
            Instant at = START.minus(Duration.ofMinutes(10L * i));
            first.existing(CHANNEL, i, at, "post " + i);
            second.existing(CHANNEL, i, at, "post " + i);
        }
        fleet.start();

        advance(Duration.ofHours(6));

        List<ScriptedTelegram.Comment> all = new ArrayList<>(first.comments());
        all.addAll(second.comments());
        assertThat(all).extracting(ScriptedTelegram.Comment::post).doesNotHaveDuplicates();
        assertThat(first.comments()).isNotEmpty();
        assertThat(second.comments()).isNotEmpty();
        for (ScriptedTelegram.Comment mine : first.comments()) {
            for (ScriptedTelegram.Comment theirs : second.comments()) {
                assertThat(Duration.between(mine.at(), theirs.at()).abs()).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
            }
        }
    }

    @Test
    void aSecondProcessLeavesALeasedAccountAloneUntilTheFirstStops() {
        ScriptedTelegram mine = runs(bot(), FixedWriter.writing());
        Fleet elsewhere = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(99), events::add);
        ScriptedTelegram theirs = new ScriptedTelegram(clock, bot().allowlist());
        elsewhere.add(bot(), theirs, FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));
        elsewhere.start();
        publishEvery(mine, CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(4)), 1);
        publishEvery(theirs, OTHER_CHANNEL, Duration.ofMinutes(10), START.plus(Duration.ofHours(4)), 1000);

        advance(Duration.ofHours(1));

        assertThat(elsewhere.status().getFirst().state()).isEqualTo(RunState.RUNNING_ELSEWHERE);
        assertThat(theirs.comments()).isEmpty();
        assertThat(mine.comments()).isNotEmpty();

        fleet.stop();
        advance(Duration.ofMinutes(10));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.STOPPED);
        assertThat(elsewhere.status().getFirst().state()).isEqualTo(RunState.RUNNING);
        advance(Duration.ofHours(1));
        assertThat(theirs.comments()).isNotEmpty();
    }

    @Test
    void theEveningIsNotStarvedByTheMorning() {
        Limits seedLimits = new Limits(ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)), TestAccounts.ZONE,
                40, 8, Duration.ofSeconds(90), Duration.ofSeconds(600), 2, Duration.ofMinutes(1440), Duration.ofSeconds(300));
        AccountPolicy settings = TestAccounts.with(TestAccounts.account("bot", List.of(CHANNEL, OTHER_CHANNEL)), seedLimits);
        clock.runUntil(Instant.parse("2026-12-01T21:00:00Z")); // local midnight in Moscow
        ScriptedTelegram telegram = runs(settings, FixedWriter.writing());
        Instant dayEnd = clock.instant().plus(Duration.ofDays(1));
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(7), dayEnd, 1);
        publishEvery(telegram, OTHER_CHANNEL, Duration.ofMinutes(9), dayEnd, 10_000);
        fleet.start();

        clock.runUntil(dayEnd.minusSeconds(1));

        List<LocalTime> times = telegram.comments().stream().map(c -> c.at().atZone(TestAccounts.ZONE).toLocalTime()).toList();
        long evening = times.stream().filter(t -> t.getHour() >= 18).count();
        assertThat(times).hasSizeBetween(30, 40);
        assertThat(evening).isGreaterThanOrEqualTo(times.size() * 4L / 11 - 2);
    }

    @Test
    void instantCommentsWaitWhileTheAccountIsAheadOfTheDaysPace() {
        Limits fortyADay = TestAccounts.limits(TestAccounts.openLimits(), ActiveWindows.of(new HourWindow(0, 24)), 40, 1000,
                Duration.ZERO, Duration.ZERO, 1000);
        clock.runUntil(Instant.parse("2026-12-01T21:00:00Z")); // local midnight in Moscow
        ScriptedTelegram telegram = runs(TestAccounts.with(bot(), fortyADay), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));
        for (long post = 1; post <= 10; post++) {
            telegram.publish(CHANNEL, post, "post " + post);
        }

        advance(Duration.ofMinutes(6));

        // the day's pace allows max(2, 10% of 40) = 4 at midnight, and a comment while at most that many are made
        assertThat(telegram.comments()).hasSize(5);
        assertThat(stores.journal().history("bot", START)).extracting(JournalEntry::branch).containsOnly(Branch.INSTANT);
        assertThat(events(EngineEvent.Skipped.class)).extracting(EngineEvent.Skipped::reason)
                .containsExactly(SkipReason.AHEAD_OF_PACE, SkipReason.AHEAD_OF_PACE, SkipReason.AHEAD_OF_PACE,
                        SkipReason.AHEAD_OF_PACE, SkipReason.AHEAD_OF_PACE);

        advance(Duration.ofHours(2));

        // the scheduler takes the rest at the day's pace: 4 + 36 * 2/24 = 7 by 02:00
        assertThat(telegram.comments()).hasSizeBetween(6, 8);
    }

    @Test
    void aNewPostReportedWhileTheAccountStopsIsNotCommented() {
        InterruptingClock interrupting = new InterruptingClock(clock);
        fleet = new Fleet(interrupting, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(7), events::add);
        Limits open = TestAccounts.openLimits();
        // no instant delay: the post would be commented while the stopped run's lease still looks valid
        Limits noDelay = new Limits(open.activeWindows(), open.timezone(), open.messagesPerDay(), open.messagesPerHour(),
                open.minIntervalBetweenMessages(), open.minIntervalPerChat(), open.maxInstantPerChatPerHour(), open.freshPostMaxAge(),
                Duration.ZERO);
        ScriptedTelegram telegram = runs(TestAccounts.with(bot(), noDelay), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));

        // the adapter's thread has seen the account running when the stop comes: the call must not outlive the run
        interrupting.onNextReading(fleet::stop);
        telegram.listener().newPost(new Post(CHANNEL, 1, clock.instant(), "text"));
        advance(Duration.ofHours(1));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.STOPPED);
        assertThat(telegram.comments()).isEmpty();
    }

    /** The virtual clock, running a hook the next time it is read: a stop landing between a check and what follows it. */
    private static final class InterruptingClock implements EngineClock {
        private final VirtualClock clock;
        private Runnable hook;

        InterruptingClock(VirtualClock clock) {
            this.clock = clock;
        }

        void onNextReading(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public Instant instant() {
            Runnable next = hook;
            hook = null;
            if (next != null) {
                next.run();
            }
            return clock.instant();
        }

        @Override
        public Scheduled schedule(Instant at, Runnable task) {
            return clock.schedule(at, task);
        }
    }

    @Test
    void aRefusalTheEngineCannotTellApartSkipsThatPost() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        telegram.answerWith(post -> Optional.of(failed(new TelegramError.Unknown(400, "MEDIA_EMPTY"))));
        telegram.publish(CHANNEL, 1, "text");
        fleet.start();

        advance(Duration.ofHours(3));

        assertThat(events(EngineEvent.SendFailed.class)).singleElement().satisfies(e -> assertThat(e.errorType()).isEqualTo("unknown_error"));
        assertThat(events(EngineEvent.Skipped.class)).extracting(EngineEvent.Skipped::reason).containsExactly(SkipReason.SEND_REFUSED);
    }

    /** Leases that fail or refuse as a test says, for the account named "bot". */
    private static final class FlakyLeases implements LeaseStore {
        private final LeaseStore real;
        int failuresLeft;
        RuntimeException failure = new IllegalStateException("database unreachable");
        boolean refuse;

        FlakyLeases(LeaseStore real) {
            this.real = real;
        }

        @Override
        public OptionalLong take(String account, String owner, Duration term) {
            failIfAsked();
            return refuse ? OptionalLong.empty() : real.take(account, owner, term);
        }

        @Override
        public boolean renew(String account, String owner, long epoch, Duration term) {
            failIfAsked();
            return !refuse && real.renew(account, owner, epoch, term);
        }

        private void failIfAsked() {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw failure;
            }
        }

        @Override
        public void release(String account, String owner) {
            real.release(account, owner);
        }
    }

    @Test
    void anAccountWhoseStoresAreDownAtStartTriesAgainAndRuns() {
        FlakyLeases leases = fleetOnFlakyLeases();
        leases.failuresLeft = 2;
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofMinutes(5));
        telegram.publish(CHANNEL, 1, "text");

        advance(Duration.ofHours(1));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING);
        assertThat(fleet.status().getFirst().failures()).isEqualTo(2);
        assertThat(telegram.comments()).hasSize(1);
    }

    @Test
    void anAccountWhoseStartFindsThePoolBusyTriesAgainWithinSecondsNotAMinute() {
        FlakyLeases leases = fleetOnFlakyLeases();
        leases.failuresLeft = 1;
        leases.failure = new StoreBusyException("cannot take the lease: no pooled connection was free", null);
        runs(bot(), FixedWriter.writing());
        fleet.start();

        advance(Duration.ofSeconds(11));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING);
        assertThat(fleet.status().getFirst().failures()).isEqualTo(1);
    }

    /** The fleet anew over the same stores, but with leases the test can make fail or refuse. */
    private FlakyLeases fleetOnFlakyLeases() {
        FlakyLeases leases = new FlakyLeases(stores.leases());
        fleet = new Fleet(clock, new EngineStores(stores.journal(), stores.accountStates(), stores.channelStates(), leases,
                stores.reviews(), stores.postsSeen()),
                new FleetRules(1, Duration.ZERO), new SplittableRandom(7), events::add);
        return leases;
    }

    @Test
    void anAccountThatCannotRenewItsLeaseStopsSendingBeforeItExpires() {
        FlakyLeases leases = fleetOnFlakyLeases();
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofMinutes(1));
        leases.failuresLeft = 1000;
        Instant lost = clock.instant();
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(3), START.plus(Duration.ofHours(2)), 1);

        advance(Duration.ofHours(1));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING_ELSEWHERE);
        assertThat(telegram.comments()).allSatisfy(c -> assertThat(c.at()).isBefore(lost.plus(Leasing.TERM)));
    }

    @Test
    void anAccountWhoseLeaseRenewalIsRefusedStandsByAtOnceAndSendsNothingMore() {
        FlakyLeases leases = fleetOnFlakyLeases();
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofMinutes(1));
        leases.refuse = true; // another process holds the account now
        publishEvery(telegram, CHANNEL, Duration.ofMinutes(3), START.plus(Duration.ofHours(2)), 1);

        advance(Duration.ofHours(1));

        assertThat(fleet.status().getFirst().state()).isEqualTo(RunState.RUNNING_ELSEWHERE);
        assertThat(fleet.status().getFirst().failures()).isZero();
        assertThat(telegram.comments()).isEmpty(); // the posts came after the refusal, their instant delay later still
    }
}
