package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendGateTest {

    private static final long CHANNEL = -1001;
    private static final long OTHER = -1002;
    private static final Instant NOON = LocalDateTime.parse("2026-12-01T12:00:00").atZone(TestAccounts.ZONE).toInstant();
    private static final ChannelFacts OPEN = new ChannelFacts(ChannelState.OPEN, Duration.ZERO, Optional.empty());

    private Limits limits = TestAccounts.openLimits();
    private FleetRules fleet = new FleetRules(1, Duration.ZERO);
    private final List<JournalEntry> history = new ArrayList<>();
    private AccountState state = AccountState.FRESH;

    private SendGate gate() {
        return new SendGate(limits, List.of(CHANNEL, OTHER), fleet);
    }

    private void sentAt(Instant at, long channel, Branch branch) {
        history.add(new JournalEntry(new PostKey(channel, at.getEpochSecond()), branch, CommentStatus.SENT, at));
    }

    private static Post post(long channel, long id, Instant publishedAt) {
        return new Post(channel, id, publishedAt, "text");
    }

    private GateDecision account(Instant now) {
        return gate().account(now, history, state);
    }

    private GateDecision channel(Instant now, long channelId, Branch branch, ChannelFacts facts) {
        return gate().view(now, history, state).channel(channelId, branch, facts);
    }

    private static GateDecision denied(SkipReason reason, Instant retryAt) {
        return new GateDecision.Denied(reason, Optional.of(retryAt));
    }

    private static GateDecision never(SkipReason reason) {
        return new GateDecision.Denied(reason, Optional.empty());
    }

    @Test
    void sendsNothingOutsideActiveWindowsAndRetriesAtTheNextWindow() {
        limits = TestAccounts.limits(limits, ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)), 40, 8,
                Duration.ZERO, Duration.ZERO, 2);

        assertThat(account(NOON)).isEqualTo(denied(SkipReason.OUTSIDE_ACTIVE_WINDOWS, NOON.plus(Duration.ofHours(6))));
        assertThat(account(NOON.plus(Duration.ofHours(6)))).isEqualTo(GateDecision.ALLOWED);
    }

    @Test
    void theDailyLimitCountsTheLocalDayAndRetriesAtLocalMidnight() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 3, 1000, Duration.ZERO, Duration.ZERO, 2);
        Instant midnight = NOON.minus(Duration.ofHours(12));
        sentAt(midnight.minusSeconds(1), OTHER, Branch.SCHEDULER);
        sentAt(midnight, OTHER, Branch.SCHEDULER);
        sentAt(midnight.plusSeconds(60), OTHER, Branch.SCHEDULER);
        assertThat(account(NOON)).isEqualTo(GateDecision.ALLOWED);

        sentAt(NOON.minusSeconds(60), OTHER, Branch.SCHEDULER);

        assertThat(account(NOON)).isEqualTo(denied(SkipReason.DAILY_LIMIT, midnight.plus(Duration.ofDays(1))));
    }

    @Test
    void theHourlyLimitHoldsInTheRollingHourAndRetriesWhenTheOldestLeavesIt() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 1000, 2, Duration.ZERO, Duration.ZERO, 2);
        sentAt(NOON.minus(Duration.ofMinutes(60)), OTHER, Branch.SCHEDULER);
        sentAt(NOON.minus(Duration.ofMinutes(50)), OTHER, Branch.SCHEDULER);
        assertThat(account(NOON)).isEqualTo(GateDecision.ALLOWED);

        sentAt(NOON.minus(Duration.ofMinutes(10)), OTHER, Branch.SCHEDULER);

        assertThat(account(NOON)).isEqualTo(denied(SkipReason.HOURLY_LIMIT, NOON.plus(Duration.ofMinutes(10))));
    }

    @Test
    void inFlightRowsCountLikeSentOnes() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 1, 1000, Duration.ZERO, Duration.ZERO, 2);
        history.add(new JournalEntry(new PostKey(OTHER, 1), Branch.SCHEDULER, CommentStatus.RESERVED, NOON.minusSeconds(5)));

        assertThat(account(NOON)).isInstanceOf(GateDecision.Denied.class);
    }

    @Test
    void keepsTheMinimumIntervalBetweenMessagesAndPerChannel() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 1000, 1000, Duration.ofSeconds(90), Duration.ofMinutes(40), 2);
        sentAt(NOON.minusSeconds(60), CHANNEL, Branch.SCHEDULER);

        assertThat(account(NOON)).isEqualTo(denied(SkipReason.MIN_INTERVAL, NOON.plusSeconds(30)));
        assertThat(channel(NOON.plusSeconds(30), OTHER, Branch.SCHEDULER, OPEN)).isEqualTo(GateDecision.ALLOWED);
        assertThat(channel(NOON.plusSeconds(30), CHANNEL, Branch.SCHEDULER, OPEN))
                .isEqualTo(denied(SkipReason.CHAT_INTERVAL, NOON.plus(Duration.ofMinutes(39))));
    }

    @Test
    void aSlowModeDelayLongerThanThePerChannelIntervalIsKept() {
        sentAt(NOON.minusSeconds(60), CHANNEL, Branch.SCHEDULER);
        ChannelFacts slow = new ChannelFacts(ChannelState.OPEN, Duration.ofMinutes(5), Optional.empty());

        assertThat(channel(NOON, CHANNEL, Branch.SCHEDULER, slow)).isEqualTo(denied(SkipReason.CHAT_INTERVAL, NOON.plusSeconds(240)));
    }

    @Test
    void instantCommentsPerChannelAndHourAreCappedForTheInstantBranchOnly() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 1000, 1000, Duration.ZERO, Duration.ZERO, 2);
        sentAt(NOON.minus(Duration.ofMinutes(30)), CHANNEL, Branch.INSTANT);
        sentAt(NOON.minus(Duration.ofMinutes(20)), CHANNEL, Branch.SCHEDULER);
        sentAt(NOON.minus(Duration.ofMinutes(10)), CHANNEL, Branch.INSTANT);

        assertThat(channel(NOON, CHANNEL, Branch.INSTANT, OPEN)).isEqualTo(denied(SkipReason.INSTANT_PER_CHAT_LIMIT, NOON.plus(Duration.ofMinutes(30))));
        assertThat(channel(NOON, CHANNEL, Branch.SCHEDULER, OPEN)).isEqualTo(GateDecision.ALLOWED);
        assertThat(channel(NOON, OTHER, Branch.INSTANT, OPEN)).isEqualTo(GateDecision.ALLOWED);
    }

    @Test
    void spamBlockAndFloodWaitStopTheAccountUntilTheyEnd() {
        state = new AccountState(Optional.of(NOON.plusSeconds(100)), 0, 0, Optional.of(NOON), Optional.of(NOON.plusSeconds(300)));

        assertThat(account(NOON)).isEqualTo(denied(SkipReason.FLOOD_WAIT, NOON.plusSeconds(300)));
        assertThat(account(NOON.plusSeconds(300))).isEqualTo(GateDecision.ALLOWED);
    }

    @Test
    void bannedAndUnlistedChannelsAreNeverCommentedAndHeldOnesWait() {
        ChannelFacts banned = new ChannelFacts(new ChannelState(Optional.of("USER_BANNED_IN_CHANNEL"), Optional.empty()), Duration.ZERO, Optional.empty());
        ChannelFacts held = new ChannelFacts(new ChannelState(Optional.empty(), Optional.of(NOON.plusSeconds(30))), Duration.ZERO, Optional.empty());

        assertThat(channel(NOON, CHANNEL, Branch.SCHEDULER, banned)).isEqualTo(never(SkipReason.CHANNEL_BANNED));
        assertThat(channel(NOON, -9999, Branch.SCHEDULER, OPEN)).isEqualTo(never(SkipReason.NOT_ALLOWLISTED));
        assertThat(channel(NOON, CHANNEL, Branch.SCHEDULER, held)).isEqualTo(denied(SkipReason.SLOW_MODE_HOLD, NOON.plusSeconds(30)));
    }

    @Test
    void postsMustBeFreshNotTooNewAndNotCommentedYet() {
        SendGate gate = gate();
        Post stale = post(CHANNEL, 1, NOON.minus(Duration.ofMinutes(1441)));
        Post oldest = post(CHANNEL, 2, NOON.minus(Duration.ofMinutes(1440)));
        Post brandNew = post(CHANNEL, 3, NOON.minusSeconds(100));
        Post commented = post(CHANNEL, 4, NOON.minus(Duration.ofHours(1)));
        history.add(new JournalEntry(commented.key(), Branch.SCHEDULER, CommentStatus.UNKNOWN, NOON.minus(Duration.ofMinutes(50))));

        assertThat(gate.post(NOON, history, state, stale, Branch.SCHEDULER, OPEN, 0)).isEqualTo(never(SkipReason.POST_TOO_OLD));
        assertThat(gate.post(NOON, history, state, oldest, Branch.SCHEDULER, OPEN, 0)).isEqualTo(GateDecision.ALLOWED);
        assertThat(gate.post(NOON, history, state, brandNew, Branch.SCHEDULER, OPEN, 0)).isEqualTo(denied(SkipReason.TOO_NEW, NOON.plusSeconds(200)));
        assertThat(gate.post(NOON, history, state, commented, Branch.SCHEDULER, OPEN, 0)).isEqualTo(never(SkipReason.ALREADY_COMMENTED));
    }

    @Test
    void fleetRulesLimitOurAccountsPerPostAndSpaceThemInAChannel() {
        fleet = new FleetRules(2, Duration.ofMinutes(5));
        Post post = post(CHANNEL, 1, NOON.minus(Duration.ofHours(1)));
        ChannelFacts recentlyByOthers = new ChannelFacts(ChannelState.OPEN, Duration.ZERO, Optional.of(NOON.minusSeconds(60)));

        assertThat(gate().post(NOON, history, state, post, Branch.SCHEDULER, OPEN, 1)).isEqualTo(GateDecision.ALLOWED);
        assertThat(gate().post(NOON, history, state, post, Branch.SCHEDULER, OPEN, 2)).isEqualTo(never(SkipReason.FLEET_POST_TAKEN));
        assertThat(gate().post(NOON, history, state, post, Branch.SCHEDULER, recentlyByOthers, 0))
                .isEqualTo(denied(SkipReason.FLEET_GAP, NOON.plusSeconds(240)));
    }

    @Test
    void oneViewDecidesForEveryChannelAndPostWithTheAccountLimitsInEachDecision() {
        limits = TestAccounts.limits(limits, limits.activeWindows(), 1000, 1000, Duration.ofSeconds(90), Duration.ofMinutes(40), 2);
        Post commented = post(CHANNEL, 4, NOON.minus(Duration.ofHours(1)));
        history.add(new JournalEntry(commented.key(), Branch.SCHEDULER, CommentStatus.SENT, NOON.minus(Duration.ofMinutes(50))));
        sentAt(NOON.minusSeconds(60), OTHER, Branch.SCHEDULER);
        Post fresh = post(CHANNEL, 5, NOON.minus(Duration.ofHours(1)));

        SendGate.View view = gate().view(NOON, history, state);

        assertThat(view.account()).isEqualTo(denied(SkipReason.MIN_INTERVAL, NOON.plusSeconds(30)));
        assertThat(view.channel(CHANNEL, Branch.SCHEDULER, OPEN)).isEqualTo(denied(SkipReason.MIN_INTERVAL, NOON.plusSeconds(30)));
        assertThat(view.channel(OTHER, Branch.SCHEDULER, OPEN)).isEqualTo(denied(SkipReason.CHAT_INTERVAL, NOON.plus(Duration.ofMinutes(39))));
        assertThat(view.post(fresh, Branch.SCHEDULER, OPEN, 0)).isEqualTo(denied(SkipReason.MIN_INTERVAL, NOON.plusSeconds(30)));
        assertThat(view.post(commented, Branch.SCHEDULER, OPEN, 0)).isEqualTo(never(SkipReason.ALREADY_COMMENTED));
        assertThat(view.commented(commented.key())).isTrue();
        assertThat(view.commented(fresh.key())).isFalse();
        assertThat(view.lastInChannels()).containsOnly(
                Map.entry(CHANNEL, NOON.minus(Duration.ofMinutes(50))), Map.entry(OTHER, NOON.minusSeconds(60)));
    }

    @Test
    void aRetryOutsideTheWindowsMovesToTheNextWindow() {
        limits = TestAccounts.limits(limits, ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)), 40, 1,
                Duration.ZERO, Duration.ZERO, 2);
        Instant nineThirty = NOON.minus(Duration.ofMinutes(150));
        sentAt(nineThirty.minus(Duration.ofMinutes(40)), OTHER, Branch.SCHEDULER);
        assertThat(account(nineThirty)).isEqualTo(denied(SkipReason.HOURLY_LIMIT, nineThirty.plus(Duration.ofMinutes(20))));

        sentAt(nineThirty.plus(Duration.ofMinutes(20)), OTHER, Branch.SCHEDULER);

        assertThat(account(nineThirty.plus(Duration.ofMinutes(25)))).isEqualTo(denied(SkipReason.HOURLY_LIMIT, NOON.plus(Duration.ofHours(6))));
    }
}
