package dev.marketolog.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the accounts with the other instances on the database: every {@link #EVERY} it says this instance lives,
 * reads who else does and who holds which lease, and acts on its {@link FairShare}: takes free accounts it can run up
 * to its share, gives up those above it (each at a quiet moment of its runner), and stops at once an account whose
 * lease another instance holds. A round that fails (the database is away) changes nothing; the leases keep the rest safe.
 */
final class Balancer {

    /** How often an instance says it lives and looks for accounts to take or give up. */
    static final Duration EVERY = InstanceRegistry.HEARTBEAT_EVERY;

    private static final Logger log = LoggerFactory.getLogger(Balancer.class);

    private final Instance self;
    private final InstanceRegistry registry;
    private final EngineClock clock;
    /** Read each round: an account the console enables runs on a runner added after the start. */
    private final Supplier<List<AccountRunner>> members;
    private Map<String, AccountRunner> runners = Map.of();
    private Set<String> registeredRunnable = Set.of();

    private boolean joined;
    private boolean stopped;
    private int lastShare = -1;
    private EngineClock.Scheduled next;

    Balancer(Instance self, InstanceRegistry registry, EngineClock clock, Supplier<List<AccountRunner>> members) {
        this.self = self;
        this.registry = registry;
        this.clock = clock;
        this.members = members;
    }

    synchronized void start() {
        next = clock.schedule(clock.instant(), this::round);
    }

    /** No more rounds; then {@link #leave()} once the accounts have given up their leases. */
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    /** Takes this instance off the register, so that the others count it out at once. */
    void leave() {
        try {
            registry.leave(self.id());
        } catch (RuntimeException e) {
            log.warn("instance {}: could not leave the register ({}); the others count it out within {} s", self.id(),
                    e.toString(), InstanceRegistry.LIVE_WITHIN.toSeconds());
        }
    }

    /** Under the monitor, so that {@link #stop()} waits for a round under way: none takes a lease after the stop. */
    private synchronized void round() {
        if (stopped) {
            return;
        }
        try {
            balance();
        } catch (RuntimeException e) {
            log.debug("instance {}: balancing round failed: {}", self.id(), e.toString());
        }
        next = clock.schedule(clock.instant().plus(EVERY), this::round);
    }

    private void balance() {
        runners = members.get().stream().collect(Collectors.toUnmodifiableMap(AccountRunner::name, Function.identity()));
        Set<String> runnable = runnable();
        if (!joined || !runnable.equals(registeredRunnable)) {
            registry.join(self, runnable); // again when the console enabled or disabled an account
            registeredRunnable = runnable;
            joined = true;
        }
        Optional<Roster> roster = registry.heartbeat(self.id(), InstanceRegistry.LIVE_WITHIN);
        if (roster.isEmpty()) {
            joined = false; // counted out meanwhile (a long pause): join again next round
            return;
        }
        Set<String> runningHere = runners.values().stream().filter(AccountRunner::holdsLease).map(AccountRunner::name)
                .collect(Collectors.toSet());
        FairShare plan = FairShare.plan(self.id(), roster.get(), runningHere);
        if (plan.share() != lastShare) {
            log.info("instance {}: {} live instance(s), a share of {} account(s) each; {} run here", self.id(),
                    roster.get().live().size(), plan.share(), runningHere.size());
            lastShare = plan.share();
        }
        plan.takenElsewhere().forEach(account -> runners.get(account).takenElsewhere());
        plan.handOver().forEach(account -> runners.get(account).handOver());
        plan.take().forEach(account -> runners.get(account).claim());
        runners.values().forEach(AccountRunner::shownElsewhereUnlessHeld);
    }

    private Set<String> runnable() {
        return runners.values().stream().filter(AccountRunner::runnable).map(AccountRunner::name).collect(Collectors.toSet());
    }
}
