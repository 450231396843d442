package dev.marketolog.cli;

import dev.marketolog.cli.policy.EnginePolicy;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.AccountPolicy;
import dev.marketolog.engine.AccountStatus;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.EngineClock;
import dev.marketolog.engine.AccountLive;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Fleet;
import dev.marketolog.engine.Instance;
import dev.marketolog.engine.Leasing;
import dev.marketolog.engine.OperatorCommand;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.store.JdbcFeedbackStore;
import dev.marketolog.store.JdbcInstanceRegistry;
import dev.marketolog.store.Database;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.web.AccountStatusSource;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's part of {@code serve}: every configured account on one {@link Fleet} with PostgreSQL stores. An enabled
 * account with a ready session runs with its Telegram and comment writer; one without is shown as needing a login; a
 * disabled one is loaded and kept idle. Sessions and writers come from the factories passed in, so the end-to-end test
 * runs this same wiring on the simulated Telegram.
 */
final class EngineService implements AccountStatusSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineService.class);

    private final Fleet fleet;
    private final TelegramSessions sessions;
    private final Function<AccountSettings, CommentWriter> writers;
    private final Map<String, Telegram> telegrams;
    private final String instanceId;

    private EngineService(Fleet fleet, TelegramSessions sessions, Function<AccountSettings, CommentWriter> writers,
            Map<String, Telegram> telegrams, String instanceId) {
        this.fleet = fleet;
        this.sessions = sessions;
        this.writers = writers;
        this.telegrams = new ConcurrentHashMap<>(telegrams);
        this.instanceId = instanceId;
    }

    /**
     * Opens the sessions of the enabled accounts (side by side: each may take a while), adds every account to the
     * fleet and starts it. The accounts must already be registered in the database. The fleet shares them with the
     * other instances on the database: it runs its fair share of those it has a session for.
     *
     * @param instance this instance: its stable identity owns its accounts' leases
     * @param listener hears every {@link dev.marketolog.engine.EngineEvent} (metrics, notifications)
     */
    static EngineService start(Settings settings, Database database, Instance instance, EngineClock clock,
            TelegramSessions sessions, Function<AccountSettings, CommentWriter> writers, Consumer<EngineEvent> listener) {
        return start(settings, Set.of(), database, instance, clock, sessions, writers, listener);
    }

    /**
     * As above, with the accounts an operator paused: they start paused (they take their lease and stay still).
     *
     * @param settings the accounts with the console's overrides applied
     */
    static EngineService start(Settings settings, Set<String> paused, Database database, Instance instance,
            EngineClock clock, TelegramSessions sessions, Function<AccountSettings, CommentWriter> writers,
            Consumer<EngineEvent> listener) {
        DataSource dataSource = database.dataSource();
        Fleet fleet = new Fleet(clock, JdbcStores.create(database), EnginePolicy.fleetRules(settings.process()),
                new Leasing(instance.id(), settings.process().leaseTerm()), new SecureRandom(), listener,
                Optional.of(new Fleet.Sharing(instance, new JdbcInstanceRegistry(dataSource))),
                Optional.of(new JdbcFeedbackStore(dataSource)));
        List<Optional<Telegram>> telegrams = openSessions(settings.accounts(), sessions);
        Map<String, Telegram> opened = new HashMap<>();
        for (int i = 0; i < settings.accounts().size(); i++) {
            AccountSettings account = settings.accounts().get(i);
            Optional<Telegram> telegram = telegrams.get(i);
            if (telegram.isPresent()) {
                opened.put(account.name(), telegram.get());
                fleet.add(EnginePolicy.of(account), telegram.get(), writers.apply(account));
            } else {
                fleet.addNeedingLogin(EnginePolicy.of(account));
            }
        }
        paused.forEach(fleet::pauseBeforeStart);
        fleet.start();
        log.info("engine started: {} account(s), {} with a session", settings.accounts().size(),
                telegrams.stream().filter(Optional::isPresent).count());
        return new EngineService(fleet, sessions, writers, opened, instance.id());
    }

    private static List<Optional<Telegram>> openSessions(List<AccountSettings> accounts, TelegramSessions sessions) {
        try (ExecutorService opening = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Telegram>>> opened = new ArrayList<>();
            for (AccountSettings account : accounts) {
                opened.add(opening.submit(() -> account.enabled() ? sessions.open(account) : Optional.<Telegram>empty()));
            }
            List<Optional<Telegram>> telegrams = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                telegrams.add(result(accounts.get(i), opened.get(i)));
            }
            return telegrams;
        }
    }

    private static Optional<Telegram> result(AccountSettings account, Future<Optional<Telegram>> opened) {
        try {
            return opened.get();
        } catch (ExecutionException e) {
            log.error("account {}: its Telegram session could not be opened; it needs a login", account.name(), e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The review queue of every account (REVIEW_MODE), for the console. */
    public ReviewDesk reviewDesk() {
        return fleet.reviewDesk();
    }

    /**
     * Hands an operator's command to the account's runner; {@code applied} is called once it took effect in the process
     * holding the account's lease. False when this process has no such account.
     */
    boolean control(String account, OperatorCommand command, Runnable applied) {
        return fleet.control(account, command, applied);
    }

    /**
     * The account runs on {@code settings} (the console changed them) from now on, its comments written anew. An account
     * this process holds without a session (it was disabled when the process started) has its session opened once the
     * console enables it, and starts (paused when {@code paused}).
     */
    void reconfigure(AccountSettings settings, boolean paused, Runnable applied) {
        AccountPolicy policy = EnginePolicy.of(settings);
        fleet.control(settings.name(), new OperatorCommand.Reconfigure(policy, writers.apply(settings)), applied);
        if (settings.enabled() && fleet.waitsForSession(settings.name())) {
            open(settings).ifPresent(telegram -> {
                telegrams.put(settings.name(), telegram);
                fleet.run(policy, telegram, writers.apply(settings), paused);
                log.info("account {}: enabled in the console, its session opened", settings.name());
            });
        }
    }

    private Optional<Telegram> open(AccountSettings account) {
        try {
            return sessions.open(account);
        } catch (RuntimeException e) {
            log.error("account {}: its Telegram session could not be opened; it needs a login", account.name(), e);
            return Optional.empty();
        }
    }

    /**
     * The Telegram of an account this instance runs now; empty for one that needed a login, is disabled or runs on
     * another instance (its session must stay closed here: Telegram ends a session used from two places at once).
     */
    Optional<Telegram> telegram(String account) {
        return fleet.runningHere().contains(account) ? Optional.ofNullable(telegrams.get(account)) : Optional.empty();
    }

    /** What this process knows of every account without asking the database, in configuration order. */
    List<AccountLive> live() {
        return fleet.live();
    }

    /** Every account, in configuration order, as the engine sees it. */
    List<AccountStatus> status() {
        return fleet.status();
    }

    @Override
    public List<dev.marketolog.web.AccountStatus> accounts() {
        return fleet.status().stream()
                .map(s -> new dev.marketolog.web.AccountStatus(s.account(), s.state(), s.sentToday(), s.dailyLimit(),
                        s.spamBlockUntil(), s.floodWaitUntil(), sessions.session(s.account()), s.failures()))
                .toList();
    }

    @Override
    public Optional<String> instance() {
        return Optional.of(instanceId);
    }

    /** Stops every account (giving up its lease), then closes the sessions. */
    @Override
    public void close() {
        fleet.stop();
        sessions.close();
    }
}
