package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.tdlib.LoginPrompts;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.telegram.tdlib.TdlibAccount;
import dev.marketolog.web.TelegramSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The accounts' TDLib sessions under {@code DATA_DIR/sessions}, opened without prompts: one not logged in needs a login. */
final class TdlibSessions implements TelegramSessions {

    private static final Logger log = LoggerFactory.getLogger(TdlibSessions.class);
    /** A stored session reaches "ready" offline in well under this; a missing one asks for a phone number at once. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final TdRuntime runtime;
    private final Path dataDir;
    private final Map<String, ReopeningTelegram> open = new ConcurrentHashMap<>();
    /** Held while a session is open, so that doctor can tell it is in use. */
    private final Map<String, SessionLock> locks = new ConcurrentHashMap<>();
    /** What a session that could not be used said last, so /health tells why the account needs a login. */
    private final Map<String, TelegramSession> refused = new ConcurrentHashMap<>();

    TdlibSessions(TdRuntime runtime, Path dataDir) {
        this.runtime = runtime;
        this.dataDir = dataDir;
    }

    @Override
    public Optional<Telegram> open(AccountSettings account) {
        Optional<SessionLock> lock;
        try {
            lock = SessionLock.take(dataDir, account.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the session of account " + account.name(), e);
        }
        if (lock.isEmpty()) {
            log.warn("account {}: its Telegram session is in use by another process ({})", account.name(),
                    SessionLock.file(dataDir, account.name()));
            refused.put(account.name(), new TelegramSession("in use by another process", "unknown"));
            return Optional.empty();
        }
        // the start waits for this: say so, and for how long at most
        log.info("account {}: opening its Telegram session (waits up to {} s)", account.name(), READY_TIMEOUT.toSeconds());
        TdlibAccount session = TdlibAccount.open(runtime, account, dataDir, LoginPrompts.NONE);
        try {
            session.whenReady().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ReopeningTelegram telegram = new ReopeningTelegram(opened(session), () -> opened(reopen(account)));
            open.put(account.name(), telegram);
            locks.put(account.name(), lock.get());
            return Optional.of(telegram);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("account {}: no ready Telegram session ({}); {}", account.name(), session.authorization(),
                    advice(e, session.waitsForLogin(), session.connection(), account.envFile()));
            refused.put(account.name(), new TelegramSession(session.authorization(), session.connection()));
            close(session, lock.get());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(session, lock.get());
            return Optional.empty();
        }
    }

    private static ReopeningTelegram.OpenSession opened(TdlibAccount session) {
        return new ReopeningTelegram.OpenSession() {
            @Override
            public Telegram telegram() {
                return session.telegram();
            }

            @Override
            public TelegramSession state() {
                return new TelegramSession(session.authorization(), session.connection());
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    /** The session opened again after it was closed while another instance ran the account (the lock is still held). */
    private TdlibAccount reopen(AccountSettings account) {
        TdlibAccount session = TdlibAccount.open(runtime, account, dataDir, LoginPrompts.NONE);
        try {
            session.whenReady().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return session;
        } catch (ExecutionException | TimeoutException e) {
            session.close();
            throw new IllegalStateException("account " + account.name() + ": its Telegram session is not ready ("
                    + session.authorization() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
            throw new IllegalStateException("account " + account.name() + ": interrupted while its session opened", e);
        }
    }

    /**
     * What to do about a session that did not become ready: a login only when it waits for one. One that ran out of
     * time elsewhere (still starting, connecting) could not reach Telegram, and a login would not help.
     */
    static String advice(Exception failure, boolean waitsForLogin, String connection, Optional<Path> envFile) {
        if (waitsForLogin || failure.getCause() instanceof LoginPrompts.LoginRequired) {
            return "run `marketolog login --env-file " + envFile.map(Path::toString).orElse("<its .env file>") + "`";
        }
        if (failure instanceof TimeoutException) {
            return "Telegram did not answer within " + READY_TIMEOUT.toSeconds() + " s (connection: " + connection
                    + "): check the network (and the TG_PROXY_ settings), then restart serve; the session is kept, no login is needed";
        }
        return "the session failed: " + failure.getCause().getMessage();
    }

    private static void close(TdlibAccount session, SessionLock lock) {
        session.close();
        release(lock);
    }

    private static void release(SessionLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("cannot release {}: {}", lock, e.toString());
        }
    }

    @Override
    public Optional<TelegramSession> session(String account) {
        ReopeningTelegram telegram = open.get(account);
        if (telegram == null) {
            return Optional.ofNullable(refused.get(account));
        }
        // closed while another instance runs the account
        return Optional.of(telegram.state().orElse(new TelegramSession("closed", "closed")));
    }

    @Override
    public void close() {
        open.values().forEach(ReopeningTelegram::disconnect);
        open.clear();
        locks.values().forEach(TdlibSessions::release);
        locks.clear();
    }
}
