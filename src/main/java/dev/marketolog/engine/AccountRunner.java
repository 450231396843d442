package dev.marketolog.engine;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account: its lease, its scheduler and instant branches, the spam guard and the channel signals. Every task runs
 * through {@link #guarded}, so the account's tasks never overlap and an exception is logged and counted, never spread.
 * The lease is renewed apart from them ({@link LeaseKeeper}), so a long LLM call or send never keeps it from renewal.
 */
final class AccountRunner implements FleetMember {

    private static final Logger log = LoggerFactory.getLogger(AccountRunner.class);

    static final int COMMENTS_UNDER = 10;
    static final int OWN_RECENT = 10;
    static final Duration SELF_DELETED_WINDOW = Duration.ofDays(7);
    private static final Duration STORE_RETRY = Duration.ofMinutes(1);
    private static final Duration FIRST_PREPARE_RETRY = Duration.ofSeconds(15);
    private static final Duration MAX_PREPARE_RETRY = Duration.ofMinutes(30);
    private static final Duration MAX_INSTANT_JITTER = Duration.ofSeconds(30);
    private static final Duration MAX_FLOOD_JITTER = Duration.ofSeconds(30);

    private final AccountPolicy settings;
    private final String name;
    private final Telegram telegram;
    private final CommentWriter writer;
    private final EngineClock clock;
    private final EngineStores stores;
    private final FleetRules fleet;
    private final GonePosts gonePosts;
    private final RandomGenerator random;
    private final Consumer<EngineEvent> events;
    private final Leasing leasing;
    private final LeaseKeeper keeper;
    private final LongCall longCall = new LongCall();
    private final SendGate gate;
    private final SpamGuard guard;
    private final DayPace pace;
    private final Pacer pacer;
    private final PostFilter filter;
    private final RecentPosts recentPosts;
    private final GivenUpPosts givenUp;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile RunState state;
    /** Counted by the account's tasks and by its lease's renewals, which run apart from them. */
    private final AtomicLong failures = new AtomicLong();
    /**
     * Bumped (under the lock) on every stop: tasks scheduled before it see a different value and do nothing. Volatile,
     * because the adapter's thread reads it to schedule a listener call without taking the lock.
     */
    private volatile int generation;
    private boolean listening;
    private AccountState accountState = AccountState.FRESH;
    private Map<Long, ChannelState> channelStates = new HashMap<>();
    private final Map<Long, Channel> channels = new LinkedHashMap<>();
    private EngineClock.Scheduled tick;

    AccountRunner(AccountPolicy settings, Telegram telegram, CommentWriter writer, EngineClock clock, EngineStores stores,
            FleetRules fleet, GonePosts gonePosts, RandomGenerator random, Consumer<EngineEvent> events, Leasing leasing) {
        this.settings = settings;
        this.name = settings.name();
        this.telegram = telegram;
        this.writer = writer;
        this.clock = clock;
        this.stores = stores;
        this.fleet = fleet;
        this.gonePosts = gonePosts;
        this.random = random;
        this.events = events;
        this.leasing = leasing;
        this.keeper = new LeaseKeeper(name, leasing, stores.leases(), clock, this::leaseLost, this::recordFailure);
        this.gate = new SendGate(settings.limits(), settings.allowlist(), fleet);
        this.guard = new SpamGuard(settings.spamGuard());
        this.pace = new DayPace(settings.limits(), gate.activeTime());
        this.pacer = new Pacer(settings.limits(), gate.activeTime(), pace, random);
        this.filter = new PostFilter(settings.skipKeywords());
        this.recentPosts = new RecentPosts(telegram, settings.limits().freshPostMaxAge());
        this.givenUp = new GivenUpPosts(settings.limits().freshPostMaxAge());
        this.state = settings.enabled() ? RunState.STOPPED : RunState.IDLE;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        state = RunState.STARTING;
        schedule(clock.instant(), this::begin);
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            halt(settings.enabled() ? RunState.STOPPED : RunState.IDLE);
            keeper.release();
        } catch (RuntimeException e) {
            // the lease then simply expires; stopping must go on for the other accounts
            log.warn("account {}: could not give up its lease: {}", name, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AccountStatus status() {
        return AccountStatus.read(settings, state, failures.get(), stores, clock.instant());
    }

    // ---- lifecycle

    private void begin() {
        Instant now = clock.instant();
        try {
            if (!keeper.take()) {
                state = RunState.RUNNING_ELSEWHERE;
                schedule(now.plus(leasing.term()), this::begin);
                return;
            }
            longCall.allow();
            stores.journal().recover(name, now);
            accountState = stores.accountStates().load(name);
            channelStates = new HashMap<>(stores.channelStates().load(name));
            prepareChannels(now);
        } catch (RuntimeException e) {
            // the database or Telegram is not there yet: try again, the account must not stay half started
            recordFailure(e);
            schedule(now.plus(STORE_RETRY), this::begin);
            return;
        }
        if (!listening) {
            telegram.listen(new Listener());
            listening = true;
        }
        state = RunState.RUNNING;
        accountState.spamBlockUntil().filter(now::isBefore).ifPresent(this::scheduleSpamBlockEnd);
        scheduleTick(now);
    }

    private void prepareChannels(Instant now) {
        channels.clear();
        prepare(settings.allowlist(), now, FIRST_PREPARE_RETRY);
    }

    /**
     * Prepares {@code channelIds}; those that cannot be commented now are asked for again after {@code retry} (then
     * twice as long, up to {@link #MAX_PREPARE_RETRY}): Telegram unreachable at the start (a network or sandbox outage)
     * must not leave the account without its channels until the next restart.
     */
    private void prepare(List<Long> channelIds, Instant now, Duration retry) {
        List<Long> notNow = new ArrayList<>();
        for (Channel channel : telegram.prepare(channelIds)) {
            if (channel.problem().orElse(null) instanceof TelegramError.ChannelClosed closed) {
                ban(channel.channelId(), closed.reason(), now);
            } else if (channel.usable()) {
                channels.put(channel.channelId(), channel);
            } else {
                log.info("account {}: channel {} cannot be commented now ({}); asking again in {} s", name, channel.channelId(),
                        channel.problem().map(Object::toString).orElse("no discussion group"), retry.toSeconds());
                notNow.add(channel.channelId());
            }
        }
        if (!notNow.isEmpty()) {
            Duration doubled = retry.multipliedBy(2);
            Duration next = doubled.compareTo(MAX_PREPARE_RETRY) < 0 ? doubled : MAX_PREPARE_RETRY;
            schedule(now.plus(retry), () -> prepare(notNow, clock.instant(), next));
        }
    }

    /**
     * Called from the lease's own timetable, while a task of the account may be in a long call: the call is cut short
     * at once (a pending send is withdrawn), and the account stands by once its task has ended.
     */
    private void leaseLost() {
        longCall.cut();
        clock.schedule(clock.instant(), () -> locked(this::standBy));
    }

    private void standBy() {
        Instant now = clock.instant();
        if (state != RunState.RUNNING || keeper.epoch(now).isPresent()) {
            return;
        }
        log.warn("account {}: standing by until it can take its lease again", name);
        halt(RunState.RUNNING_ELSEWHERE);
        schedule(now.plus(leasing.term()), this::begin);
    }

    /** Stops every running task of the account and sets its state. */
    private void halt(RunState next) {
        // the state first: a listener that reads the new generation then sees that the account no longer runs
        state = next;
        generation++;
        cancel(tick);
        tick = null;
    }

    private static void cancel(EngineClock.Scheduled task) {
        if (task != null) {
            task.cancel();
        }
    }

    private void sessionGone(String reason) {
        if (state != RunState.RUNNING) {
            return;
        }
        Instant now = clock.instant();
        log.warn("account {}: session gone ({}); it needs a login", name, reason);
        halt(RunState.NEEDS_LOGIN);
        keeper.release();
        emit(new EngineEvent.SessionGone(name, now, reason));
    }

    // ---- scheduler branch

    private void scheduleTick(Instant now) {
        if (state != RunState.RUNNING) {
            return;
        }
        Instant next;
        try {
            List<JournalEntry> history = history(now);
            next = pacer.nextTick(now, countSince(history, gate.activeTime().dayStart(now)));
            if (gate.account(next, history, accountState) instanceof GateDecision.Denied(var reason, var retryAt)
                    && retryAt.isPresent() && retryAt.get().isAfter(next)) {
                next = retryAt.get();
            }
        } catch (RuntimeException e) {
            // the stores may be down for a moment: the scheduler must not stop for it
            recordFailure(e);
            next = now.plus(STORE_RETRY);
        }
        tick = schedule(next, this::tick);
    }

    private void tick() {
        Instant now = clock.instant();
        try {
            givenUp.prune(now);
            List<JournalEntry> history = history(now);
            SendGate.View view = gate.view(now, history, accountState);
            // instant comments since the tick was planned may have put the account ahead: then the next tick is later
            if (view.account().allowed() && !pace.ahead(now, countSince(history, gate.activeTime().dayStart(now)))) {
                commentOneFreshPost(now, view);
            }
        } catch (RuntimeException e) {
            recordFailure(e);
        }
        scheduleTick(clock.instant());
    }

    /** Channels commented longest ago first; in each, the newest fresh post not commented yet. */
    private void commentOneFreshPost(Instant now, SendGate.View view) {
        Map<Long, Instant> lastInChannel = view.lastInChannels();
        List<Channel> order = new ArrayList<>(channels.values());
        order.sort(Comparator.comparing(c -> lastInChannel.getOrDefault(c.channelId(), Instant.MIN)));
        for (Channel channel : order) {
            if (nothingLeftIn(channel.channelId(), now, view)) {
                continue;
            }
            ChannelFacts facts = channelFacts(channel);
            if (!view.channel(channel.channelId(), Branch.SCHEDULER, facts).allowed()) {
                continue;
            }
            for (Post post : recentPosts.fresh(channel.channelId(), now)) {
                if (givenUp.contains(post.key()) || view.commented(post.key()) || filtered(post, now)) {
                    continue;
                }
                GateDecision decision = view.post(post, Branch.SCHEDULER, facts, stores.journal().otherAccountsUnder(name, post.key()));
                if (decision instanceof GateDecision.Denied(SkipReason reason, Optional<Instant> retryAt) && retryAt.isEmpty()) {
                    giveUp(post, reason, now);
                } else if (decision.allowed() && attempt(post, Branch.SCHEDULER, channel)) {
                    return;
                }
            }
        }
    }

    /**
     * Whether the channel's cached posts, still valid, hold no fresh post left to try: then the channel's checks are
     * spared. Without a valid cache it cannot be told before the posts are fetched, which only an allowed channel does.
     */
    private boolean nothingLeftIn(long channelId, Instant now, SendGate.View view) {
        Optional<List<Post>> cached = recentPosts.freshIfCached(channelId, now);
        if (cached.isEmpty()) {
            return false;
        }
        for (Post post : cached.get()) {
            if (!givenUp.contains(post.key()) && !view.commented(post.key())) {
                return false;
            }
        }
        return true;
    }

    // ---- instant branch

    private void onNewPost(Post post) {
        Channel channel = channels.get(post.channelId());
        if (channel == null) {
            return;
        }
        Instant now = clock.instant();
        recentPosts.add(post);
        if (filtered(post, now)) {
            return;
        }
        Duration delay = settings.limits().instantCommentDelay();
        long jitterBound = Math.max(1, Math.min(MAX_INSTANT_JITTER.toMillis(), delay.toMillis() / 10));
        Instant at = now.plus(delay).plusMillis(random.nextLong(jitterBound + 1));
        schedule(at, () -> commentInstantly(post, channel));
    }

    private void commentInstantly(Post post, Channel channel) {
        Instant now = clock.instant();
        if (givenUp.contains(post.key())) {
            return;
        }
        List<JournalEntry> history = history(now);
        GateDecision decision = gate.post(now, history, accountState, post, Branch.INSTANT, channelFacts(channel),
                stores.journal().otherAccountsUnder(name, post.key()));
        int today = countSince(history, gate.activeTime().dayStart(now));
        if (decision.allowed() && pace.ahead(now, today)) {
            // the day's budget must last through every window: the scheduler takes the post later if it is still fresh
            decision = new GateDecision.Denied(SkipReason.AHEAD_OF_PACE, Optional.of(pace.onPaceFrom(now, today)));
        }
        switch (decision) {
            case GateDecision.Allowed allowed -> attempt(post, Branch.INSTANT, channel);
            case GateDecision.Denied(SkipReason reason, Optional<Instant> retryAt) when retryAt.isEmpty() -> giveUp(post, reason, now);
            // not now: left to the scheduler branch, which will find the post while it is fresh
            case GateDecision.Denied denied -> emit(new EngineEvent.Skipped(name, now, post.key(), denied.reason()));
        }
    }

    // ---- one comment

    /** Reserves the slot, has the text written, sends it; answers whether the slot was taken (the tick is spent). */
    private boolean attempt(Post post, Branch branch, Channel channel) {
        Instant reservedAt = clock.instant();
        OptionalLong leaseEpoch = keeper.epoch(reservedAt);
        if (leaseEpoch.isEmpty()) {
            return false;
        }
        if (gonePosts.contains(post.key())) {
            // another account of ours met the post gone: writing for it would only waste a writer call
            giveUp(post, SkipReason.POST_GONE, reservedAt);
            return false;
        }
        Reservation reservation = stores.journal().reserve(name, post.key(), branch, reservedAt, fleet, leaseEpoch.getAsLong());
        if (!(reservation instanceof Reservation.Reserved(long id))) {
            return false;
        }
        boolean sending = false;
        try {
            List<String> recentTexts = stores.journal().recentTexts(name, OWN_RECENT);
            WriteResult written = longCall.run(() -> writer.write(
                    new CommentRequest(name, channel.title(), post, telegram.commentsUnder(post.key(), COMMENTS_UNDER), recentTexts)));
            Instant now = clock.instant();
            switch (written) {
                case WriteResult.Declined declined -> {
                    stores.journal().release(id, now);
                    giveUp(post, SkipReason.WRITER_DECLINED, now);
                }
                case WriteResult.Unavailable unavailable -> {
                    stores.journal().release(id, now);
                    emit(new EngineEvent.Skipped(name, now, post.key(), SkipReason.WRITER_UNAVAILABLE));
                }
                case WriteResult.Written comment when settings.dryRun() -> {
                    stores.journal().markDryRun(id, comment.text(), now);
                    emit(new EngineEvent.CommentSent(name, now, post.key(), branch, comment.text(), true));
                }
                case WriteResult.Written comment when !gate.activeTime().isActive(now) -> {
                    // the writer took the slot past the window's end: nothing goes out of the window
                    stores.journal().release(id, now);
                    emit(new EngineEvent.Skipped(name, now, post.key(), SkipReason.OUTSIDE_ACTIVE_WINDOWS));
                }
                case WriteResult.Written comment when keeper.epoch(now).isEmpty() -> {
                    log.warn("account {}: its lease was lost while the comment was written; nothing is sent", name);
                    stores.journal().release(id, now);
                }
                case WriteResult.Written comment -> {
                    // the journal checks the lease once more, in the transaction that lets the comment go
                    if (!stores.journal().markSending(id, comment.text(), now)) {
                        log.warn("account {}: its lease passed to another process while the comment was written; nothing is sent", name);
                        return true;
                    }
                    sending = true;
                    recordResult(id, post, branch, comment.text(), longCall.run(() -> telegram.comment(post.key(), comment.text())));
                }
            }
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (sending) {
                stores.journal().markUnknown(id, "interrupted: " + e, now);
            } else {
                stores.journal().release(id, now);
            }
            throw e;
        }
        return true;
    }

    private void recordResult(long id, Post post, Branch branch, String text, SendResult result) {
        Instant now = clock.instant();
        switch (result) {
            case SendResult.Sent sent -> {
                AccountState next = guard.onSuccess(accountState);
                stores.journal().markSent(id, sent.discussionChatId(), sent.messageId(), sent.sentAt(), accountChange(next));
                accountState = next;
                log.info("account {}: commented post {} of {} ({})", name, post.messageId(), post.channelId(), branch.code());
                emit(new EngineEvent.CommentSent(name, sent.sentAt(), post.key(), branch, text, false));
            }
            case SendResult.Failed failed -> {
                Reaction reaction = reaction(failed.error(), post, now);
                stores.journal().markFailed(id, failed.error().toString(), failed.reachedServer(), now, reaction.changes());
                emit(new EngineEvent.SendFailed(name, now, post.key(), TelegramErrors.type(failed.error())));
                reaction.then().run();
            }
            case SendResult.Unknown unknown -> {
                stores.journal().markUnknown(id, unknown.reason(), now);
                emit(new EngineEvent.SendFailed(name, now, post.key(), TelegramErrors.SEND_UNKNOWN));
            }
        }
    }

    /** What a refusal changes: the state written with its journal row, then what the account does once it is written. */
    private record Reaction(List<StateChange> changes, Runnable then) {
        static Reaction only(Runnable then) {
            return new Reaction(List.of(), then);
        }
    }

    private Reaction reaction(TelegramError error, Post post, Instant now) {
        long channelId = post.channelId();
        return switch (error) {
            case TelegramError.FloodWait(Duration wait) -> {
                long jitterBound = Math.max(1, Math.min(MAX_FLOOD_JITTER.toMillis(), wait.toMillis() / 10));
                SpamGuard.Step step = guard.onFloodWait(accountState, wait.plusMillis(random.nextLong(1, jitterBound + 1)), now);
                yield new Reaction(accountChange(step.state()), () -> {
                    emit(new EngineEvent.FloodWait(name, now, channelId, wait));
                    apply(step, now);
                });
            }
            case TelegramError.PeerFlood peerFlood -> {
                SpamGuard.Step step = guard.onPeerFlood(accountState, now);
                yield new Reaction(accountChange(step.state()), () -> {
                    emit(new EngineEvent.PeerFlood(name, now, channelId));
                    apply(step, now);
                });
            }
            case TelegramError.SlowMode(Duration wait) -> {
                Instant until = now.plus(wait);
                yield new Reaction(List.of(new StateChange.Hold(channelId, until)), () -> {
                    channelStates.put(channelId, new ChannelState(channelState(channelId).bannedReason(), Optional.of(until)));
                    emit(new EngineEvent.SlowMode(name, now, channelId, wait));
                });
            }
            case TelegramError.ChannelClosed closed when channelState(channelId).banned() -> Reaction.only(() -> {});
            case TelegramError.ChannelClosed(String reason) ->
                    new Reaction(List.of(new StateChange.Ban(channelId, reason)), () -> banned(channelId, reason, now));
            case TelegramError.PostGone gone -> Reaction.only(() -> {
                givenUp.add(post);
                gonePosts.add(post, now);
                emit(new EngineEvent.PostGone(name, now, post.key()));
            });
            case TelegramError.SessionGone(String reason) -> Reaction.only(() -> sessionGone(reason));
            case TelegramError.Unknown(int code, String message) -> Reaction.only(() -> {
                // an error we cannot tell apart: trying the same post again would likely meet it again
                log.warn("account {}: Telegram refused a comment in {}: {} {}", name, channelId, code, message);
                giveUp(post, SkipReason.SEND_REFUSED, now);
            });
        };
    }

    private List<StateChange> accountChange(AccountState next) {
        return next.equals(accountState) ? List.of() : List.of(new StateChange.Account(next));
    }

    /** The spam guard's step, already stored with the send's result, takes effect. */
    private void apply(SpamGuard.Step step, Instant now) {
        accountState = step.state();
        step.spamBlock().ifPresent(duration -> {
            log.warn("account {}: spam block for {}", name, duration);
            emit(new EngineEvent.SpamBlockStarted(name, now, duration));
            scheduleSpamBlockEnd(now.plus(duration));
        });
    }

    private void scheduleSpamBlockEnd(Instant until) {
        schedule(until, () -> {
            if (accountState.spamBlockUntil().filter(until::equals).isPresent()) {
                emit(new EngineEvent.SpamBlockEnded(name, clock.instant()));
            }
        });
    }

    // ---- channel signals

    private void ban(long channelId, String reason, Instant now) {
        if (channelState(channelId).banned()) {
            return;
        }
        stores.channelStates().ban(name, channelId, reason, now);
        banned(channelId, reason, now);
    }

    /** The ban, already stored, takes effect. */
    private void banned(long channelId, String reason, Instant now) {
        channelStates.put(channelId, new ChannelState(Optional.of(reason), channelState(channelId).holdUntil()));
        log.warn("account {}: channel {} banned: {}", name, channelId, reason);
        emit(new EngineEvent.ChannelBanned(name, now, channelId, reason));
    }

    /** Counts the deletion when the journal knows the message as one of the account's comments (of this run or an earlier one). */
    private void onDiscussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
        Instant now = clock.instant();
        if (stores.journal().markDeleted(name, discussionChatId, messageId, now)
                && stores.journal().deletedSince(name, channelId, now.minus(SELF_DELETED_WINDOW)) >= settings.selfDeletedLimit()) {
            ban(channelId, "own comments deleted", now);
        }
    }

    // ---- helpers

    private List<JournalEntry> history(Instant now) {
        return stores.journal().history(name, gate.historyStart(now));
    }

    private static int countSince(List<JournalEntry> history, Instant since) {
        return (int) history.stream().filter(e -> !e.at().isBefore(since)).count();
    }

    private ChannelState channelState(long channelId) {
        return channelStates.getOrDefault(channelId, ChannelState.OPEN);
    }

    private ChannelFacts channelFacts(Channel channel) {
        return new ChannelFacts(channelState(channel.channelId()), channel.slowModeDelay(),
                stores.journal().lastByOthersInChannel(name, channel.channelId()));
    }

    private boolean filtered(Post post, Instant now) {
        Optional<SkipReason> reason = filter.reject(post);
        reason.ifPresent(r -> giveUp(post, r, now));
        return reason.isPresent();
    }

    private void giveUp(Post post, SkipReason reason, Instant now) {
        if (givenUp.add(post) && reason != SkipReason.ALREADY_COMMENTED) {
            emit(new EngineEvent.Skipped(name, now, post.key(), reason));
        }
    }

    private void emit(EngineEvent event) {
        events.accept(event);
    }

    /** Schedules a task of this account: it runs alone, only while the account's run is the one that scheduled it. */
    private EngineClock.Scheduled schedule(Instant at, Runnable task) {
        return scheduleIn(generation, at, task);
    }

    private EngineClock.Scheduled scheduleIn(int run, Instant at, Runnable task) {
        return clock.schedule(at, () -> guarded(run, task));
    }

    private void guarded(int scheduledIn, Runnable task) {
        locked(() -> {
            if (scheduledIn == generation) {
                task.run();
            }
        });
    }

    private void locked(Runnable task) {
        lock.lock();
        try {
            task.run();
        } catch (RuntimeException e) {
            recordFailure(e);
        } finally {
            lock.unlock();
        }
    }

    private void recordFailure(RuntimeException e) {
        failures.incrementAndGet();
        if (e instanceof StoreUnavailableException) {
            // an outage of the database: its health logs it once, a stack trace per task would flood the log
            log.debug("account {}: task failed, the store is unavailable: {}", name, e.getMessage());
        } else {
            log.error("account {}: task failed; the account goes on", name, e);
        }
        emit(new EngineEvent.AccountFailed(name, clock.instant(), e.toString()));
    }

    /** Listener calls come from the adapter's thread: each becomes a task of the account, while it runs. */
    private final class Listener implements TelegramListener {
        @Override
        public void newPost(Post post) {
            whileRunning(() -> onNewPost(post));
        }

        @Override
        public void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
            whileRunning(() -> onDiscussionMessageDeleted(channelId, discussionChatId, messageId));
        }

        @Override
        public void restricted(long channelId, String reason) {
            whileRunning(() -> ban(channelId, "restricted: " + reason, clock.instant()));
        }

        @Override
        public void sessionGone(String reason) {
            whileRunning(() -> AccountRunner.this.sessionGone(reason));
        }

        private void whileRunning(Runnable task) {
            // the run is read before the state: when a stop comes in between, the task belongs to the ended run and is dropped
            int run = generation;
            if (state == RunState.RUNNING) {
                scheduleIn(run, clock.instant(), task);
            }
        }
    }
}
