package dev.marketolog.engine;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
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
import java.util.SplittableRandom;
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
    /** A task that found every pooled connection busy tries again after 1 s to this, spread so as not to meet again. */
    private static final Duration MAX_BUSY_RETRY = Duration.ofSeconds(10);
    private static final Duration MAX_INSTANT_JITTER = Duration.ofSeconds(30);
    private static final Duration MAX_FLOOD_JITTER = Duration.ofSeconds(30);
    /**
     * How often an account with drafts in review looks at its queue: approvals made in this process wake it at once,
     * those made through another instance are seen within this.
     */
    static final Duration REVIEW_POLL = Duration.ofSeconds(15);

    private volatile AccountPolicy settings;
    private final String name;
    private final Telegram telegram;
    /** Volatile: the review desk reads it from the console's thread, a reconfiguration swaps it under the lock. */
    private volatile CommentWriter writer;
    private final EngineClock clock;
    private final EngineStores stores;
    private final FleetRules fleet;
    private final GonePosts gonePosts;
    private final SeenPosts seenPosts;
    /** Reads back what became of the account's comments while it runs; absent when the fleet keeps no feedback. */
    private final Optional<FeedbackCollector> feedback;
    private final RandomGenerator random;
    private final Consumer<EngineEvent> events;
    private final Leasing leasing;
    /** Whether a {@link Balancer} decides when the account takes its lease, rather than the account trying on its own. */
    private final boolean balanced;
    private final LeaseKeeper keeper;
    /** The journal, with the account's own rows kept between its writes. */
    private final RunnerJournal journal;
    private final LongCall longCall = new LongCall();
    // built from the settings, and again when an operator changes them (under the lock)
    private SendGate gate;
    private SpamGuard guard;
    private DayPace pace;
    private Pacer pacer;
    private PostFilter filter;
    private RecentPosts recentPosts;
    private GivenUpPosts givenUp;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile RunState state;
    /** An operator paused the account: it keeps its lease and state, and runs no task until resumed. */
    private boolean paused;
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
    private EngineClock.Scheduled reviewTick;
    private EngineClock.Scheduled feedbackTick;
    /** Approved drafts wait for the gate: they go before any new draft is written, so a pile of approvals is not starved. */
    private boolean approvedWaiting;
    /** When the scheduler next looks, for the console; written by the account's tasks, read by any thread. */
    private volatile Optional<Instant> nextLook = Optional.empty();
    /** What the account found in its channels when it last prepared them, for the console. */
    private volatile Map<Long, ChannelView> channelViews = Map.of();

    AccountRunner(AccountPolicy settings, Telegram telegram, CommentWriter writer, EngineClock clock, EngineStores stores,
            FleetRules fleet, GonePosts gonePosts, SeenPosts seenPosts, Optional<FeedbackStore> feedback, RandomGenerator random,
            Consumer<EngineEvent> events, Leasing leasing, boolean balanced) {
        this.settings = settings;
        this.name = settings.name();
        this.telegram = telegram;
        this.writer = writer;
        this.clock = clock;
        this.stores = stores;
        this.fleet = fleet;
        this.gonePosts = gonePosts;
        this.seenPosts = seenPosts;
        this.random = random;
        this.feedback = feedback.map(store -> new FeedbackCollector(name, telegram, store, new SplittableRandom(random.nextLong()), longCall));
        this.events = events;
        this.leasing = leasing;
        this.balanced = balanced;
        this.journal = new RunnerJournal(stores.journal(), name, clock);
        this.keeper = new LeaseKeeper(name, leasing, stores.leases(), clock, this::leaseLost, this::recordFailure);
        configure(settings);
        this.state = settings.enabled() ? RunState.STOPPED : RunState.IDLE;
    }

    /**
     * Builds every part that follows from the settings; the posts given up and cached are forgotten with the old ones,
     * except those an operator closed in review.
     */
    private void configure(AccountPolicy next) {
        settings = next;
        gate = new SendGate(next.limits(), next.allowlist(), fleet);
        guard = new SpamGuard(next.spamGuard());
        pace = new DayPace(next.limits(), gate.activeTime());
        pacer = new Pacer(next.limits(), gate.activeTime(), pace, random);
        filter = new PostFilter(next.skipKeywords());
        recentPosts = new RecentPosts(telegram, next.limits().freshPostMaxAge(), seenPosts);
        givenUp = givenUp == null ? new GivenUpPosts(next.limits().freshPostMaxAge())
                : givenUp.forNewSettings(next.limits().freshPostMaxAge());
        gonePosts.keepFor(next.limits().freshPostMaxAge());
    }

    @Override
    public String account() {
        return name;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        state = RunState.STARTING;
        if (!balanced) {
            schedule(clock.instant(), this::begin);
        }
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

    @Override
    public AccountLive live() {
        RunState now = state;
        return AccountLive.of(settings, now, now == RunState.RUNNING ? nextLook : Optional.empty(), channelViews,
                failures.get(), clock.instant());
    }

    @Override
    public void control(OperatorCommand command, Runnable applied) {
        // a task of its own, not of the current run: a pause or new settings must reach a stopped account too
        clock.schedule(clock.instant(), () -> locked(() -> {
            boolean holder = apply(command);
            if (holder) {
                applied.run();
            }
        }));
    }

    // ---- operators' commands

    /** Called before {@link #start}: the account was paused when the process started. */
    void pauseBeforeStart() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** Applies the command; answers whether this process holds the account's lease, so the command took effect here. */
    private boolean apply(OperatorCommand command) {
        Instant now = clock.instant();
        boolean holder = keeper.epoch(now).isPresent();
        switch (command) {
            case OperatorCommand.Pause pause -> pause();
            case OperatorCommand.Resume resume -> resume(now);
            case OperatorCommand.LiftSpamBlock lift when holder -> liftSpamBlock(now);
            case OperatorCommand.ClearBan(long channelId) when holder -> clearBan(channelId, now);
            case OperatorCommand.Reconfigure(AccountPolicy next, CommentWriter nextWriter) -> {
                writer = nextWriter;
                reconfigure(next, now);
            }
            // the state is the lease holder's to change: another process applies it
            case OperatorCommand.LiftSpamBlock lift -> {}
            case OperatorCommand.ClearBan clear -> {}
        }
        return holder;
    }

    private void pause() {
        paused = true;
        if (state == RunState.RUNNING) {
            // the lease is kept, so that no other process runs the account and its commands still come here
            log.info("account {}: paused by an operator", name);
            halt(RunState.PAUSED);
        }
    }

    private void resume(Instant now) {
        paused = false;
        if (state == RunState.PAUSED) {
            log.info("account {}: resumed by an operator", name);
            state = RunState.STARTING;
            schedule(now, this::begin);
        }
    }

    private void liftSpamBlock(Instant now) {
        AccountState lifted = new AccountState(Optional.empty(), 0, accountState.cooldownLevel(), accountState.lastSpamBlockAt(),
                accountState.floodWaitUntil());
        stores.accountStates().save(name, lifted, now);
        boolean wasBlocked = accountState.spamBlockedAt(now);
        accountState = lifted;
        if (wasBlocked) {
            log.info("account {}: spam block lifted by an operator", name);
            emit(new EngineEvent.SpamBlockEnded(name, now));
        }
        replan(now);
    }

    private void clearBan(long channelId, Instant now) {
        stores.channelStates().clearBan(name, channelId);
        channelStates.put(channelId, new ChannelState(Optional.empty(), channelState(channelId).holdUntil()));
        log.info("account {}: channel {} taken off the ban list by an operator", name, channelId);
        if (settings.allowlist().contains(channelId) && (state == RunState.RUNNING || state == RunState.PAUSED)) {
            prepareChannels(List.of(channelId), now);
        }
        replan(now);
    }

    private void reconfigure(AccountPolicy next, Instant now) {
        AccountPolicy before = settings;
        configure(next);
        log.info("account {}: runs on settings changed by an operator", name);
        if (before.enabled() && !next.enabled()) {
            halt(RunState.IDLE);
            keeper.release();
        } else if (!before.enabled() && next.enabled()) {
            start();
        } else if (state == RunState.RUNNING || state == RunState.PAUSED) {
            List<Long> added = next.allowlist().stream().filter(id -> !before.allowlist().contains(id)).toList();
            channels.keySet().retainAll(next.allowlist());
            // a channel new to the allowlist is opened and checked as at the start
            prepareChannels(added, now);
            replan(now);
        }
    }

    /** The next tick is planned again on the current settings and state (a running account only). */
    private void replan(Instant now) {
        if (state == RunState.RUNNING) {
            cancel(tick);
            scheduleTick(now);
            if (settings.review().enabled() && reviewTick == null) {
                scheduleReview(now);
            }
        }
    }

    String name() {
        return name;
    }

    /** Whether this process can run the account: enabled, and its session not gone. */
    boolean runnable() {
        return settings.enabled() && state != RunState.NEEDS_LOGIN;
    }

    boolean holdsLease() {
        return keeper.holds();
    }

    // ---- what the balancer asks

    /** Takes the lease when it is free (on the caller's thread: one statement) and starts the account with it. */
    void claim() {
        try {
            if (runnable() && !keeper.holds() && keeper.take()) {
                schedule(clock.instant(), this::begin);
            }
        } catch (RuntimeException e) {
            recordFailure(e);
        }
    }

    /**
     * Gives the account up for another instance to run, at a quiet moment: as a task of the account, so never in the
     * middle of a send.
     */
    void handOver() {
        schedule(clock.instant(), () -> {
            if (keeper.holds()) {
                log.info("account {}: handed over to another instance", name);
                halt(RunState.RUNNING_ELSEWHERE);
                telegram.disconnect(); // before the release: no one else may run it while its session is open here
                keeper.release();
            }
        });
    }

    /** Another instance holds the lease: the account stops at once. */
    void takenElsewhere() {
        keeper.takenElsewhere();
    }

    /**
     * An account this process has not taken is shown as run elsewhere rather than as starting, and the session opened
     * for it at the start is closed.
     */
    void shownElsewhereUnlessHeld() {
        if (state == RunState.STARTING && !keeper.holds()) {
            state = RunState.RUNNING_ELSEWHERE;
            telegram.disconnect();
        }
    }

    // ---- lifecycle

    private void begin() {
        if (state == RunState.RUNNING) {
            return;
        }
        Instant now = clock.instant();
        boolean reviewing;
        try {
            if (!keeper.holds() && !keeper.take()) {
                state = RunState.RUNNING_ELSEWHERE;
                if (!balanced) {
                    schedule(now.plus(leasing.term()), this::begin);
                }
                return;
            }
            longCall.allow();
            journal.recover(name, now);
            accountState = stores.accountStates().load(name);
            channelStates = new HashMap<>(stores.channelStates().load(name));
            channels.clear();
            prepareChannels(settings.allowlist(), now);
            stores.reviews().closed(name, now.minus(settings.limits().freshPostMaxAge())).forEach(givenUp::addClosedInReview);
            reviewing = settings.review().enabled() || !stores.reviews().pending(name).isEmpty();
        } catch (RuntimeException e) {
            // the database or Telegram is not there yet: try again, the account must not stay half started
            recordFailure(e);
            schedule(now.plus(storeRetry(e)), this::begin);
            return;
        }
        if (!listening) {
            telegram.listen(new Listener());
            listening = true;
        }
        if (paused) {
            state = RunState.PAUSED;
            return;
        }
        state = RunState.RUNNING;
        accountState.spamBlockUntil().filter(now::isBefore).ifPresent(this::scheduleSpamBlockEnd);
        scheduleTick(now);
        if (reviewing) {
            scheduleReview(now);
        }
        feedback.ifPresent(collector -> feedbackTick = schedule(now.plus(collector.untilFirstRound()), this::readFeedback));
    }

    /** Opens and checks the channels: a closed one goes on the ban list, a usable one is commented from now on. */
    private void prepareChannels(List<Long> channelIds, Instant now) {
        prepare(channelIds, now, FIRST_PREPARE_RETRY);
    }

    /**
     * Prepares those of {@code channelIds} still allowlisted; those that cannot be commented now are asked for again
     * after {@code retry} (then twice as long, up to {@link #MAX_PREPARE_RETRY}): Telegram unreachable at the start (a
     * network or sandbox outage) must not leave the account without its channels until the next restart.
     */
    private void prepare(List<Long> channelIds, Instant now, Duration retry) {
        List<Long> allowed = channelIds.stream().filter(settings.allowlist()::contains).toList();
        if (allowed.isEmpty()) {
            return;
        }
        List<Channel> prepared = telegram.prepare(allowed);
        Map<Long, ChannelView> views = new HashMap<>(channelViews);
        prepared.forEach(channel -> views.put(channel.channelId(), view(channel)));
        views.keySet().retainAll(settings.allowlist());
        channelViews = Map.copyOf(views);
        List<Long> notNow = new ArrayList<>();
        for (Channel channel : prepared) {
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

    private static ChannelView view(Channel channel) {
        Optional<String> problem = channel.problem().map(Object::toString)
                .or(() -> channel.discussionChatId().isEmpty() ? Optional.of("no discussion group") : Optional.empty());
        return new ChannelView(channel.channelId(), Optional.ofNullable(channel.title()).filter(t -> !t.isBlank()), problem);
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
        if ((state != RunState.RUNNING && state != RunState.PAUSED) || keeper.epoch(now).isPresent()) {
            return;
        }
        log.warn("account {}: standing by until it can take its lease again", name);
        halt(RunState.RUNNING_ELSEWHERE);
        // still before the lease can expire (its margin): the session is closed before another process may take it
        telegram.disconnect();
        if (!balanced) {
            schedule(now.plus(leasing.term()), this::begin);
        }
    }

    /** Stops every running task of the account and sets its state. */
    private void halt(RunState next) {
        // the state first: a listener that reads the new generation then sees that the account no longer runs
        state = next;
        generation++;
        cancel(tick);
        tick = null;
        cancel(reviewTick);
        reviewTick = null;
        cancel(feedbackTick);
        feedbackTick = null;
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
            next = now.plus(storeRetry(e));
        }
        tick = schedule(next, this::tick);
        nextLook = Optional.of(next);
    }

    private void tick() {
        Instant now = clock.instant();
        try {
            givenUp.prune(now);
            List<JournalEntry> history = history(now);
            SendGate.View view = gate.view(now, history, accountState);
            // instant comments since the tick was planned may have put the account ahead: then the next tick is later
            if (!approvedWaiting && view.account().allowed() && !pace.ahead(now, countSince(history, gate.activeTime().dayStart(now)))) {
                commentOneFreshPost(now, view);
            }
        } catch (RuntimeException e) {
            recordFailure(e);
        }
        scheduleTick(clock.instant());
    }

    /**
     * Channels commented longest ago first; in each, the newest fresh post not commented yet, until one takes a slot in
     * the journal.
     */
    private void commentOneFreshPost(Instant now, SendGate.View view) {
        Map<Long, Instant> lastInChannel = view.lastInChannels();
        List<Channel> order = new ArrayList<>();
        for (Channel channel : channels.values()) {
            if (!nothingLeftIn(channel.channelId(), now, view)) {
                order.add(channel);
            }
        }
        order.sort(Comparator.comparing(c -> lastInChannel.getOrDefault(c.channelId(), Instant.MIN)));
        // one read of the journal for every channel the tick may try, not one per channel
        Map<Long, Instant> lastByOthers = journal.lastByOthersInChannels(name, order.stream().map(Channel::channelId).toList());
        for (Channel channel : order) {
            ChannelFacts facts = channelFacts(channel, lastByOthers);
            if (view.channel(channel.channelId(), Branch.SCHEDULER, facts).allowed() && commentInChannel(channel, facts, now, view)) {
                return;
            }
        }
    }

    /**
     * The channel's fresh posts not given up nor commented yet, newest first, tried until one takes a slot; answers
     * whether one did. A method of its own so that the JIT compiles this hot loop alone: inside
     * {@link #commentOneFreshPost}, the whole tick was compiled twice (on stack and whole), a third of a short run's C2 time.
     */
    private boolean commentInChannel(Channel channel, ChannelFacts facts, Instant now, SendGate.View view) {
        for (Post post : recentPosts.fresh(channel.channelId(), now)) {
            if (!givenUp.contains(post.key()) && !view.commented(post.key()) && tryPost(post, channel, facts, now, view)) {
                return true;
            }
        }
        return false;
    }

    /** One post the account has neither given up nor commented, through the filter and the gate; answers whether it took a slot. */
    private boolean tryPost(Post post, Channel channel, ChannelFacts facts, Instant now, SendGate.View view) {
        if (filtered(post, now)) {
            return false;
        }
        GateDecision decision = view.post(post, Branch.SCHEDULER, facts, journal.otherAccountsUnder(name, post.key()));
        if (decision instanceof GateDecision.Denied(SkipReason reason, Optional<Instant> retryAt) && retryAt.isEmpty()) {
            giveUp(post, reason, now);
            return false;
        }
        return decision.allowed() && attempt(post, Branch.SCHEDULER, channel);
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
        recentPosts.add(post, now);
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
        if (givenUp.contains(post.key()) || approvedWaiting) {
            // given up, or approved drafts go first: the scheduler takes the post later if it is still fresh
            return;
        }
        List<JournalEntry> history = history(now);
        GateDecision decision = gate.post(now, history, accountState, post, Branch.INSTANT, channelFacts(channel),
                journal.otherAccountsUnder(name, post.key()));
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
        Reservation reservation = journal.reserve(name, post.key(), branch, reservedAt, fleet, leaseEpoch.getAsLong());
        if (!(reservation instanceof Reservation.Reserved(long id))) {
            return false;
        }
        boolean sending = false;
        try {
            List<String> recentTexts = journal.recentTexts(name, OWN_RECENT);
            CommentRequest request = longCall.run(() ->
                    new CommentRequest(name, channel.title(), post, telegram.commentsUnder(post.key(), COMMENTS_UNDER), recentTexts));
            WriteResult written = longCall.run(() -> writer.write(request));
            Instant now = clock.instant();
            switch (written) {
                case WriteResult.Declined declined -> {
                    journal.release(id, now);
                    giveUp(post, SkipReason.WRITER_DECLINED, now);
                }
                case WriteResult.Unavailable unavailable -> {
                    journal.release(id, now);
                    emit(new EngineEvent.Skipped(name, now, post.key(), SkipReason.WRITER_UNAVAILABLE));
                }
                case WriteResult.Written comment when settings.dryRun() -> {
                    journal.markDryRun(id, comment.text(), now);
                    emit(new EngineEvent.CommentSent(name, now, post.key(), branch, comment.text(), true));
                }
                case WriteResult.Written comment when settings.review().enabled() -> holdForReview(id, request, comment.text(), now);
                case WriteResult.Written comment when !gate.activeTime().isActive(now) -> {
                    // the writer took the slot past the window's end: nothing goes out of the window
                    journal.release(id, now);
                    emit(new EngineEvent.Skipped(name, now, post.key(), SkipReason.OUTSIDE_ACTIVE_WINDOWS));
                }
                case WriteResult.Written comment when keeper.epoch(now).isEmpty() -> {
                    log.warn("account {}: its lease was lost while the comment was written; nothing is sent", name);
                    journal.release(id, now);
                }
                case WriteResult.Written comment -> {
                    // the journal checks the lease once more, in the transaction that lets the comment go
                    if (!journal.markSending(id, comment.text(), now)) {
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
                journal.markUnknown(id, "interrupted: " + e, now);
            } else {
                journal.release(id, now);
            }
            throw e;
        }
        return true;
    }

    // ---- feedback on our comments

    /**
     * One round of reading back the account's comments, as a task of the account: its reads never meet a send of its
     * own, and a lost lease cuts them short. None while a spam block or flood wait runs (the halt of a pause or a stop
     * cancels the rounds). A failed round is logged and the next one comes all the same.
     */
    private void readFeedback() {
        FeedbackCollector collector = feedback.orElseThrow();
        Instant now = clock.instant();
        if (accountState.pausedUntil(now).isEmpty()) {
            try {
                int read = collector.round(now);
                if (read > 0) {
                    log.debug("account {}: read back {} of its comments", name, read);
                }
            } catch (RuntimeException e) {
                if (e instanceof StoreUnavailableException) {
                    log.debug("account {}: feedback on its comments not read, the store is unavailable: {}", name, e.getMessage());
                } else {
                    log.warn("account {}: feedback on its comments not read: {}", name, e.toString());
                }
            }
        }
        feedbackTick = schedule(clock.instant().plus(collector.untilNextRound()), this::readFeedback);
    }

    // ---- review

    /** The draft waits for an operator, holding its slot, until it is approved and sent, rejected or expired. */
    private void holdForReview(long id, CommentRequest request, String text, Instant now) {
        Post post = request.post();
        Instant timeout = now.plus(settings.review().timeout());
        Instant stale = post.publishedAt().plus(settings.limits().freshPostMaxAge());
        Instant expiresAt = timeout.isBefore(stale) ? timeout : stale;
        journal.written(() -> stores.reviews().hold(new ReviewDraft(id, request.channelTitle(), post, request.commentsUnder(), text, expiresAt), now));
        log.info("account {}: draft for post {} of {} awaits review until {}", name, post.messageId(), post.channelId(), expiresAt);
        if (reviewTick == null) {
            scheduleReview(now);
        }
    }

    private void scheduleReview(Instant at) {
        cancel(reviewTick);
        reviewTick = schedule(at, this::reviewQueue);
    }

    /** An operator decided on one of the account's drafts in this process: the queue is looked at now, not at the next poll. */
    void reviewed() {
        // a rejection released the draft's row
        journal.changed();
        int run = generation;
        if (state == RunState.RUNNING) {
            scheduleIn(run, clock.instant(), () -> scheduleReview(clock.instant()));
        }
    }

    /** An operator rejected the draft for the post: the account does not write for it again. */
    void rejected(Post post) {
        int run = generation;
        scheduleIn(run, clock.instant(), () -> givenUp.addClosedInReview(post));
    }

    /**
     * Expires what waited too long or can never go, sends the first approved draft the whole gate lets go (one per
     * pass: the next pass, right after, sees it in the journal), and notes for the others why they wait and until when.
     */
    private void reviewQueue() {
        Instant now = clock.instant();
        Instant next = now.plus(REVIEW_POLL);
        // an account out of review mode looks at its queue only until the drafts of its review time are gone
        boolean keepLooking = true;
        try {
            List<ReviewItem> pending = stores.reviews().pending(name);
            keepLooking = settings.review().enabled() || !pending.isEmpty();
            // an empty queue reads nothing more; else the account's rows afresh (a draft closed through another instance
            // freed its slot) and the others' last comments in all its channels in one statement
            if (!pending.isEmpty()) {
                journal.changed();
            }
            List<JournalEntry> history = pending.isEmpty() ? List.of() : history(now);
            Map<Long, Instant> lastByOthers = pending.isEmpty() ? Map.of() : journal.lastByOthersInChannels(name,
                    pending.stream().map(item -> item.post().channelId()).distinct().toList());
            approvedWaiting = pending.stream().anyMatch(item -> item.state() == ReviewState.APPROVED);
            for (ReviewItem item : pending) {
                if (!now.isBefore(item.expiresAt())) {
                    expire(item, "timed out", now);
                    continue;
                }
                GateDecision decision = reviewGate(item, history, lastByOthers, now);
                if (decision instanceof GateDecision.Denied(SkipReason reason, Optional<Instant> retryAt) && retryAt.isEmpty()) {
                    expire(item, reason.code(), now);
                } else if (decision.allowed() && item.state() == ReviewState.APPROVED) {
                    if (sendReviewed(item, now)) {
                        next = clock.instant();
                    }
                    break;
                } else {
                    Optional<SkipReason> blockedBy = decision instanceof GateDecision.Denied denied ? Optional.of(denied.reason()) : Optional.empty();
                    Optional<Instant> couldGoAt = decision instanceof GateDecision.Denied denied ? denied.retryAt() : Optional.empty();
                    if (!blockedBy.equals(item.blockedBy()) || !couldGoAt.equals(item.couldGoAt())) {
                        stores.reviews().assess(item.id(), blockedBy, couldGoAt);
                    }
                    next = earliest(next, item.expiresAt());
                    if (item.state() == ReviewState.APPROVED && couldGoAt.isPresent()) {
                        next = earliest(next, couldGoAt.get());
                    }
                }
            }
        } catch (RuntimeException e) {
            // the stores may be down for a moment: the queue is looked at again at the next poll
            recordFailure(e);
        }
        reviewTick = keepLooking ? schedule(next, this::reviewQueue) : null;
    }

    /**
     * The whole gate for a draft as if it went now: the account's rows without the draft's own (which holds its slot
     * at its reservation time; sent, it counts at its send time), the channel's state and the fleet's rows. The others'
     * last comment in each channel is read once per pass ({@code lastByOthers}); the others under the post are not read at
     * all: the draft's own reservation already holds its place there.
     */
    private GateDecision reviewGate(ReviewItem item, List<JournalEntry> history, Map<Long, Instant> lastByOthers, Instant now) {
        PostKey key = item.post().key();
        if (gonePosts.contains(key)) {
            return new GateDecision.Denied(SkipReason.POST_GONE, Optional.empty());
        }
        List<JournalEntry> others = history.stream()
                .filter(e -> !(e.post().equals(key) && e.status() == CommentStatus.AWAITING_REVIEW))
                .toList();
        Channel channel = channels.get(key.channelId());
        ChannelFacts facts = new ChannelFacts(channelState(key.channelId()), channel == null ? Duration.ZERO : channel.slowModeDelay(),
                Optional.ofNullable(lastByOthers.get(key.channelId())));
        return gate.view(now, others, accountState).post(item.post(), item.branch(), facts, 0);
    }

    private void expire(ReviewItem item, String why, Instant now) {
        if (journal.written(() -> stores.reviews().close(item.id(), ReviewState.EXPIRED, Optional.empty(), Optional.of(why), now))) {
            log.info("account {}: draft for post {} of {} expired ({})", name, item.post().messageId(), item.post().channelId(), why);
            givenUp.addClosedInReview(item.post());
            emit(new EngineEvent.Skipped(name, now, item.post().key(), SkipReason.REVIEW_EXPIRED));
        }
    }

    /**
     * Sends an approved draft the gate lets go now, under the account's lease, as {@link #attempt} sends a written one;
     * answers whether it went to Telegram.
     */
    private boolean sendReviewed(ReviewItem item, Instant now) {
        OptionalLong leaseEpoch = keeper.epoch(now);
        if (leaseEpoch.isEmpty() || !journal.written(() -> stores.reviews().markSending(item.id(), leaseEpoch.getAsLong(), now))) {
            log.warn("account {}: the approved draft {} was not sent: the lease is not held, or it was decided on meanwhile", name, item.id());
            return false;
        }
        try {
            recordResult(item.id(), item.post(), item.branch(), item.text(), longCall.run(() -> telegram.comment(item.post().key(), item.text())));
        } catch (RuntimeException e) {
            journal.markUnknown(item.id(), "interrupted: " + e, clock.instant());
            throw e;
        }
        return true;
    }

    /** Checks an operator's text for the draft with the account's writer. Runs on the console's thread. */
    Revision revise(ReviewItem item, String text) {
        return writer.revise(reviewRequest(item, List.of()), text);
    }

    /**
     * A new draft for the item, not a near copy of {@code earlier} (nor a cached text: that would be one). Runs on the
     * console's thread: the account's own tasks go on meanwhile.
     */
    WriteResult rewrite(ReviewItem item, List<String> earlier) {
        return writer.write(reviewRequest(item, earlier));
    }

    private CommentRequest reviewRequest(ReviewItem item, List<String> avoid) {
        List<String> own = new ArrayList<>(avoid);
        own.addAll(journal.recentTexts(name, OWN_RECENT));
        return new CommentRequest(name, item.channelTitle(), item.post(), item.commentsUnder(), own);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void recordResult(long id, Post post, Branch branch, String text, SendResult result) {
        Instant now = clock.instant();
        switch (result) {
            case SendResult.Sent sent -> {
                AccountState next = guard.onSuccess(accountState);
                journal.markSent(id, sent.discussionChatId(), sent.messageId(), sent.link(), sent.sentAt(),
                        accountChange(next));
                accountState = next;
                log.info("account {}: commented post {} of {} ({})", name, post.messageId(), post.channelId(), branch.code());
                emit(new EngineEvent.CommentSent(name, sent.sentAt(), post.key(), branch, text, false));
            }
            case SendResult.Failed failed -> {
                Reaction reaction = reaction(failed.error(), post, now);
                journal.markFailed(id, failed.error().toString(), failed.reachedServer(), now, reaction.changes());
                emit(new EngineEvent.SendFailed(name, now, post.key(), TelegramErrors.type(failed.error())));
                reaction.then().run();
            }
            case SendResult.Unknown unknown -> {
                journal.markUnknown(id, unknown.reason(), now);
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
        if (journal.markDeleted(name, discussionChatId, messageId, now)
                && journal.deletedSince(name, channelId, now.minus(SELF_DELETED_WINDOW)) >= settings.selfDeletedLimit()) {
            ban(channelId, "own comments deleted", now);
        }
    }

    // ---- helpers

    private List<JournalEntry> history(Instant now) {
        return journal.history(name, gate.historyStart(now));
    }

    private static int countSince(List<JournalEntry> history, Instant since) {
        return (int) history.stream().filter(e -> !e.at().isBefore(since)).count();
    }

    private ChannelState channelState(long channelId) {
        return channelStates.getOrDefault(channelId, ChannelState.OPEN);
    }

    private ChannelFacts channelFacts(Channel channel) {
        return channelFacts(channel, journal.lastByOthersInChannels(name, List.of(channel.channelId())));
    }

    private ChannelFacts channelFacts(Channel channel, Map<Long, Instant> lastByOthers) {
        return new ChannelFacts(channelState(channel.channelId()), channel.slowModeDelay(),
                Optional.ofNullable(lastByOthers.get(channel.channelId())));
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

    /**
     * How long a task that failed on the stores waits to try again: a minute, or seconds when the pool was only busy,
     * each account then at its own moment (from its seeded generator) so that many accounts starting together do not
     * all wait on the pool again at once.
     */
    private Duration storeRetry(RuntimeException e) {
        return e instanceof StoreBusyException
                ? Duration.ofMillis(random.nextLong(Duration.ofSeconds(1).toMillis(), MAX_BUSY_RETRY.toMillis() + 1))
                : STORE_RETRY;
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
