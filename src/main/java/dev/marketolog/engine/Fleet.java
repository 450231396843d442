package dev.marketolog.engine;

import dev.marketolog.telegram.Telegram;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * All accounts of one process. Everything runs as tasks on the {@link EngineClock}: on a {@link VirtualClock} the whole
 * fleet runs on one thread, deterministically; on a real-time clock each account's tasks still never overlap, and an
 * exception in one account never reaches another.
 */
public final class Fleet {

    private final EngineClock clock;
    private final EngineStores stores;
    private final FleetRules rules;
    private final RandomGenerator random;
    private final Consumer<EngineEvent> listener;
    private final Leasing leasing;
    /** Copied on write: the balancer reads it without the fleet's monitor, which {@link #stop()} holds while it waits. */
    private final List<FleetMember> members = new CopyOnWriteArrayList<>();
    private final GonePosts gonePosts = new GonePosts();
    private final SeenPosts seenPosts;
    /** Where the accounts keep what they read back of their comments; empty: they read nothing back (simulate). */
    private final Optional<FeedbackStore> feedback;
    /** This instance and the register it shares the accounts through; empty when the fleet runs every account itself. */
    private final Optional<Sharing> sharing;
    private Balancer balancer;

    /** This instance, and where it meets the others. */
    public record Sharing(Instance self, InstanceRegistry registry) {}

    /**
     * @param random jitter (seeded in simulate); each account gets its own generator split from it
     * @param listener receives every {@link EngineEvent}; on a real-time clock it is called from several threads
     */
    public Fleet(EngineClock clock, EngineStores stores, FleetRules rules, RandomGenerator random, Consumer<EngineEvent> listener) {
        this(clock, stores, rules, Leasing.anonymous(random), random, listener);
    }

    /** A fleet whose leases are held as {@code leasing} says: serve's stable instance identity, or a test's short term. */
    public Fleet(EngineClock clock, EngineStores stores, FleetRules rules, Leasing leasing, RandomGenerator random,
            Consumer<EngineEvent> listener) {
        this(clock, stores, rules, leasing, random, listener, Optional.empty());
    }

    /**
     * A fleet that shares its accounts with the other instances of {@code sharing}'s register: it runs its fair share
     * of them, as the {@link Balancer} decides, instead of every account it can take.
     */
    public Fleet(EngineClock clock, EngineStores stores, FleetRules rules, Leasing leasing, RandomGenerator random,
            Consumer<EngineEvent> listener, Optional<Sharing> sharing) {
        this(clock, stores, rules, leasing, random, listener, sharing, Optional.empty());
    }

    /**
     * As above, with the channel analytics: each account reads back what became of its recent comments (reactions,
     * replies) now and then, keeping it in {@code feedback}, while it runs here, and the posts its accounts see are
     * recorded in the stores' {@code postsSeen}. Without {@code feedback} neither is kept.
     */
    public Fleet(EngineClock clock, EngineStores stores, FleetRules rules, Leasing leasing, RandomGenerator random,
            Consumer<EngineEvent> listener, Optional<Sharing> sharing, Optional<FeedbackStore> feedback) {
        this.sharing = sharing;
        this.feedback = feedback;
        this.seenPosts = feedback.isPresent() ? new SeenPosts(stores.postsSeen()) : SeenPosts.off();
        this.clock = clock;
        this.stores = stores;
        this.rules = rules;
        this.leasing = leasing;
        this.random = random;
        this.listener = listener;
    }

    /** Adds an account that runs with {@code telegram} and {@code writer} (BOT_ENABLED=false: loaded, kept idle). */
    public synchronized void add(AccountPolicy settings, Telegram telegram, CommentWriter writer) {
        gonePosts.keepFor(settings.limits().freshPostMaxAge());
        members.add(runner(settings, telegram, writer));
    }

    private AccountRunner runner(AccountPolicy settings, Telegram telegram, CommentWriter writer) {
        return new AccountRunner(settings, telegram, writer, clock, stores, rules, gonePosts, seenPosts, feedback,
                new SplittableRandom(random.nextLong()), listener, leasing, sharing.isPresent());
    }

    /**
     * Runs an account added without a session ({@link #addNeedingLogin}: BOT_ENABLED was false, or it had no session)
     * now that an operator enabled it and it has one; it starts at once, or stays paused when an operator paused it.
     * Answers false, changing nothing, when the fleet has no such account or runs it already.
     */
    public synchronized boolean run(AccountPolicy settings, Telegram telegram, CommentWriter writer, boolean paused) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) instanceof AccountNeedingLogin waiting && waiting.account().equals(settings.name())) {
                gonePosts.keepFor(settings.limits().freshPostMaxAge());
                AccountRunner runner = runner(settings, telegram, writer);
                if (paused) {
                    runner.pauseBeforeStart();
                }
                members.set(i, runner);
                runner.start();
                return true;
            }
        }
        return false;
    }

    /** Whether the fleet holds the account without running it (no session when it was added). */
    public synchronized boolean waitsForSession(String account) {
        return members.stream().anyMatch(m -> m instanceof AccountNeedingLogin && m.account().equals(account));
    }

    /** An operator paused the account before this fleet started: it takes its lease when it starts, and stays still. */
    public synchronized void pauseBeforeStart(String account) {
        members.stream().filter(m -> m.account().equals(account) && m instanceof AccountRunner)
                .forEach(m -> ((AccountRunner) m).pauseBeforeStart());
    }

    /** Adds an account that has no session yet: it is shown as needing a login and does nothing. */
    public synchronized void addNeedingLogin(AccountPolicy settings) {
        members.add(new AccountNeedingLogin(settings, clock, stores));
    }

    /**
     * Starts every account: each takes its lease, recovers its journal, prepares its channels and begins; in a sharing
     * fleet only those the {@link Balancer} takes, from its first round on.
     */
    public synchronized void start() {
        members.forEach(FleetMember::start);
        sharing.ifPresent(s -> {
            balancer = new Balancer(s.self(), s.registry(), clock, this::runners);
            balancer.start();
        });
    }

    /** Stops every account and gives up its lease; a sharing fleet then leaves the register. */
    public synchronized void stop() {
        if (balancer != null) {
            balancer.stop();
        }
        members.forEach(FleetMember::stop);
        if (balancer != null) {
            balancer.leave();
            balancer = null;
        }
    }

    /** The accounts this process runs now (holds their leases), in the order they were added. */
    public synchronized List<String> runningHere() {
        return runners().stream().filter(AccountRunner::holdsLease).map(AccountRunner::name).toList();
    }

    private List<AccountRunner> runners() {
        return members.stream().filter(AccountRunner.class::isInstance).map(AccountRunner.class::cast).toList();
    }

    /** The review queue of every account, for the console. */
    public ReviewDesk reviewDesk() {
        return new FleetReviewDesk(stores.reviews(), clock, name -> runners().stream().filter(runner -> runner.name().equals(name)).findFirst());
    }

    /**
     * Hands an operator's command to the account's runner, which applies it as one of its tasks; {@code applied} is
     * called once it took effect in the process that holds the account's lease. Answers false when this fleet has no
     * such account.
     */
    public synchronized boolean control(String account, OperatorCommand command, Runnable applied) {
        for (FleetMember member : members) {
            if (member.account().equals(account)) {
                member.control(command, applied);
                return true;
            }
        }
        return false;
    }

    /** Every account's status, in the order they were added. */
    public synchronized List<AccountStatus> status() {
        return members.stream().map(FleetMember::status).toList();
    }

    /** What this process knows of every account without asking the database, in the order they were added. */
    public synchronized List<AccountLive> live() {
        return members.stream().map(FleetMember::live).toList();
    }
}
