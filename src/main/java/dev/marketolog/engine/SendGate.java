package dev.marketolog.engine;

import dev.marketolog.config.Limits;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate every comment passes: a pure function of the account's limits, its journal, its states and now.
 * Counts come from the journal rows (in-flight ones included), never from separate counters.
 */
public final class SendGate {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Limits limits;
    private final Set<Long> allowlist;
    private final FleetRules fleet;
    private final ActiveTime activeTime;

    public SendGate(Limits limits, List<Long> allowlist, FleetRules fleet) {
        this.limits = limits;
        this.allowlist = Set.copyOf(allowlist);
        this.fleet = fleet;
        this.activeTime = new ActiveTime(limits.activeWindows(), limits.timezone());
    }

    public ActiveTime activeTime() {
        return activeTime;
    }

    /** The oldest journal row any decision at {@code now} looks at. */
    public Instant historyStart(Instant now) {
        Duration back = max(max(HOUR, limits.minIntervalBetweenMessages()), max(limits.minIntervalPerChat(), limits.freshPostMaxAge()));
        Instant start = now.minus(back);
        Instant dayStart = activeTime.dayStart(now);
        return dayStart.isBefore(start) ? dayStart : start;
    }

    /** Whether the account may send anything at all now: windows, daily, hourly and interval limits, spam block, flood wait. */
    public GateDecision account(Instant now, List<JournalEntry> history, AccountState state) {
        return view(now, history, state).account();
    }

    /** Whether the account may comment under the post now, on top of the account's and the channel's checks. */
    public GateDecision post(Instant now, List<JournalEntry> history, AccountState state, Post post, Branch branch, ChannelFacts channel, int otherAccountsUnder) {
        return view(now, history, state).post(post, branch, channel, otherAccountsUnder);
    }

    /** The gate for one account at one moment: its account-level checks are made once for any number of channels and posts. */
    public View view(Instant now, List<JournalEntry> history, AccountState state) {
        return new View(now, history, state);
    }

    private record ChannelCheck(long channelId, Branch branch, ChannelFacts facts) {
        // Written out: the generated ones go through method handles and hash the facts' Optionals, once per channel of
        // every tick; the facts are nearly always the very object asked about before.
        @Override
        public boolean equals(Object other) {
            return other instanceof ChannelCheck check && check.channelId == channelId && check.branch == branch
                    && (check.facts == facts || check.facts.equals(facts));
        }

        @Override
        public int hashCode() {
            return Long.hashCode(channelId) * 31 + branch.ordinal();
        }
    }

    /** {@link SendGate}'s decisions for one account, one journal history and one moment. */
    public final class View {
        private final Instant now;
        private final List<JournalEntry> history;
        private final Denials accountDenials = new Denials();
        private Map<Long, List<JournalEntry>> byChannel;
        private Set<PostKey> commented;
        private final Map<ChannelCheck, Denials> channelDenials = new HashMap<>();

        private View(Instant now, List<JournalEntry> history, AccountState state) {
            this.now = now;
            this.history = history;
            checkAccount(now, history, state, accountDenials);
        }

        /** As {@link SendGate#account}. */
        public GateDecision account() {
            return accountDenials.decision(now);
        }

        /** Whether the account may comment in the channel now, on top of {@link #account()}. */
        public GateDecision channel(long channelId, Branch branch, ChannelFacts channel) {
            return channelDenials(channelId, branch, channel).decision(now);
        }

        /** As {@link SendGate#post}. */
        public GateDecision post(Post post, Branch branch, ChannelFacts channel, int otherAccountsUnder) {
            Denials denials = new Denials();
            if (now.isAfter(post.publishedAt().plus(limits.freshPostMaxAge()))) {
                denials.never(SkipReason.POST_TOO_OLD);
            }
            // no branch comments sooner than the instant delay: a post is never answered the moment it appears
            Instant oldEnough = post.publishedAt().plus(limits.instantCommentDelay());
            if (now.isBefore(oldEnough)) {
                denials.until(SkipReason.TOO_NEW, oldEnough);
            }
            if (commented(post.key())) {
                denials.never(SkipReason.ALREADY_COMMENTED);
            }
            if (otherAccountsUnder >= fleet.maxAccountsPerPost()) {
                denials.never(SkipReason.FLEET_POST_TAKEN);
            }
            denials.addAll(channelDenials(post.channelId(), branch, channel));
            return denials.decision(now);
        }

        /** Whether the account has a row blocking the post (it has commented it, or may have). */
        public boolean commented(PostKey post) {
            if (commented == null) {
                commented = new HashSet<>();
                for (JournalEntry entry : history) {
                    if (entry.blocksPost()) {
                        commented.add(entry.post());
                    }
                }
            }
            return commented.contains(post);
        }

        /** When the account last had a row in each channel it has any in. */
        public Map<Long, Instant> lastInChannels() {
            Map<Long, Instant> last = new HashMap<>();
            for (JournalEntry entry : history) {
                last.merge(entry.channelId(), entry.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
            return last;
        }

        /** The account's and the channel's denials, made once per channel however many of its posts are asked about. */
        private Denials channelDenials(long channelId, Branch branch, ChannelFacts channel) {
            return channelDenials.computeIfAbsent(new ChannelCheck(channelId, branch, channel), check -> {
                Denials denials = new Denials();
                denials.addAll(accountDenials);
                checkChannel(now, inChannel(channelId), channelId, branch, channel, denials);
                return denials;
            });
        }

        private List<JournalEntry> inChannel(long channelId) {
            if (byChannel == null) {
                byChannel = new HashMap<>();
                for (JournalEntry entry : history) {
                    byChannel.computeIfAbsent(entry.channelId(), c -> new ArrayList<>()).add(entry);
                }
            }
            return byChannel.getOrDefault(channelId, List.of());
        }
    }

    private void checkAccount(Instant now, List<JournalEntry> history, AccountState state, Denials denials) {
        if (!activeTime.isActive(now)) {
            denials.until(SkipReason.OUTSIDE_ACTIVE_WINDOWS, activeTime.nextActive(now));
        }
        // plain conditions, not Optional chains: every tick and every new post of every account passes here
        untilLater(denials, SkipReason.SPAM_BLOCK, state.spamBlockUntil().orElse(null), now);
        untilLater(denials, SkipReason.FLOOD_WAIT, state.floodWaitUntil().orElse(null), now);
        Instant dayStart = activeTime.dayStart(now);
        int today = 0;
        for (JournalEntry entry : history) {
            if (!entry.at().isBefore(dayStart)) {
                today++;
            }
        }
        if (today >= limits.messagesPerDay()) {
            denials.until(SkipReason.DAILY_LIMIT, activeTime.nextDayStart(now));
        }
        Instant hourFree = rollingHourFreeAt(now, history, limits.messagesPerHour());
        if (hourFree != null) {
            denials.until(SkipReason.HOURLY_LIMIT, hourFree);
        }
        Instant last = last(history);
        if (last != null) {
            untilLater(denials, SkipReason.MIN_INTERVAL, last.plus(limits.minIntervalBetweenMessages()), now);
        }
    }

    /** The channel's own checks; {@code inChannel} holds the account's rows in that channel. */
    private void checkChannel(Instant now, List<JournalEntry> inChannel, long channelId, Branch branch, ChannelFacts channel, Denials denials) {
        if (!allowlist.contains(channelId)) {
            denials.never(SkipReason.NOT_ALLOWLISTED);
        }
        if (channel.state().banned()) {
            denials.never(SkipReason.CHANNEL_BANNED);
        }
        untilLater(denials, SkipReason.SLOW_MODE_HOLD, channel.state().holdUntil().orElse(null), now);
        Instant last = last(inChannel);
        if (last != null) {
            untilLater(denials, SkipReason.CHAT_INTERVAL, last.plus(max(limits.minIntervalPerChat(), channel.slowModeDelay())), now);
        }
        if (branch == Branch.INSTANT) {
            List<JournalEntry> instant = new ArrayList<>();
            for (JournalEntry entry : inChannel) {
                if (entry.branch() == Branch.INSTANT) {
                    instant.add(entry);
                }
            }
            Instant instantFree = rollingHourFreeAt(now, instant, limits.maxInstantPerChatPerHour());
            if (instantFree != null) {
                denials.until(SkipReason.INSTANT_PER_CHAT_LIMIT, instantFree);
            }
        }
        if (channel.lastByOthers().isPresent()) {
            untilLater(denials, SkipReason.FLEET_GAP, channel.lastByOthers().get().plus(fleet.minGap()), now);
        }
    }

    /** Denies until {@code until} when that is later than now; {@code until} null is no denial. */
    private static void untilLater(Denials denials, SkipReason reason, Instant until, Instant now) {
        if (until != null && now.isBefore(until)) {
            denials.until(reason, until);
        }
    }

    /** When the rolling hour has room for one more of {@code entries}; null when it has room now. */
    private static Instant rollingHourFreeAt(Instant now, List<JournalEntry> entries, int max) {
        Instant windowStart = now.minus(HOUR);
        List<Instant> inWindow = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (windowStart.isBefore(entry.at())) {
                inWindow.add(entry.at());
            }
        }
        if (inWindow.size() < max) {
            return null; // the usual answer: spared the sort
        }
        inWindow.sort(Comparator.naturalOrder());
        // the window ending at t holds the rows after t - 1h: room comes when the row max places from the end leaves it
        return max == 0 ? now.plus(HOUR) : inWindow.get(inWindow.size() - max).plus(HOUR);
    }

    /** The latest time of {@code entries}; null when there are none. */
    private static Instant last(List<JournalEntry> entries) {
        Instant last = null;
        for (JournalEntry entry : entries) {
            if (last == null || entry.at().isAfter(last)) {
                last = entry.at();
            }
        }
        return last;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Collects every reason against a comment; the decision names the one that lasts longest. */
    private final class Denials {
        private SkipReason never;
        private final List<SkipReason> reasons = new ArrayList<>();
        private final List<Instant> retries = new ArrayList<>();

        void never(SkipReason reason) {
            if (never == null) {
                never = reason;
            }
        }

        void until(SkipReason reason, Instant retryAt) {
            reasons.add(reason);
            retries.add(retryAt);
        }

        void addAll(Denials other) {
            if (other.never != null) {
                never(other.never);
            }
            reasons.addAll(other.reasons);
            retries.addAll(other.retries);
        }

        GateDecision decision(Instant now) {
            if (never != null) {
                return new GateDecision.Denied(never, Optional.empty());
            }
            if (reasons.isEmpty()) {
                return GateDecision.ALLOWED;
            }
            int latest = 0;
            for (int i = 1; i < retries.size(); i++) {
                if (retries.get(i).isAfter(retries.get(latest))) {
                    latest = i;
                }
            }
            Instant retry = activeTime.nextActive(retries.get(latest));
            return new GateDecision.Denied(reasons.get(latest), Optional.of(retry.isAfter(now) ? retry : now.plusSeconds(1)));
        }
    }
}
