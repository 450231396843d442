package dev.marketolog.telegram.tdlib;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateClosed;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateLoggingOut;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateReady;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue.OptionValueInteger;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateAuthorizationState;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateConnectionState;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One account's TDLib session: its client, where its authorization and connection stand (for /health), and the
 * {@link Telegram} port on it. A session whose state reached LoggingOut or Closed is gone: open a new one after a login.
 */
public final class TdlibAccount implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final TdClient client;
    private final Authorizer authorizer;
    private final TdlibTelegram telegram;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Optional<AuthorizationState> authorizationState = Optional.empty();
    private volatile Optional<ConnectionState> connectionState = Optional.empty();
    private volatile boolean closing;
    private final AtomicBoolean goneReported = new AtomicBoolean();

    private TdlibAccount(TdRuntime runtime, AccountSettings account, Path dataDir, LoginPrompts prompts) {
        this.name = account.name();
        this.client = runtime.newClient(this::onUpdate);
        this.authorizer = new Authorizer(client, TdlibParameters.of(account, dataDir), prompts);
        this.telegram = new TdlibTelegram(client, account.sendTimeout(), InstantSource.system(), runtime.scheduler());
    }

    /**
     * Opens the session of {@code account} from {@code DATA_DIR/sessions/<account>}; it logs in with what
     * {@code prompts} answer ({@link LoginPrompts#NONE} for serve and doctor: an unauthorized session just "needs login").
     */
    public static TdlibAccount open(TdRuntime runtime, AccountSettings account, Path dataDir, LoginPrompts prompts) {
        TdlibAccount session = new TdlibAccount(runtime, account, dataDir, prompts);
        // TDLib creates the client on its first request and then reports authorizationStateWaitTdlibParameters
        session.client.send(new TdFunction.GetOption("version"));
        return session;
    }

    public String name() {
        return name;
    }

    /** Completes once the session is logged in; fails when it needs a login or was closed. */
    public CompletableFuture<Void> whenReady() {
        return authorizer.outcome();
    }

    public boolean ready() {
        return authorizationState.orElse(null) instanceof AuthorizationStateReady;
    }

    /** Whether the session waits for a login (phone number, code, password, ...) rather than for Telegram to answer. */
    public boolean waitsForLogin() {
        return authorizationState.map(AuthorizationState::waitsForLogin).orElse(false);
    }

    /** The authorization state for /health: {@code ready}, {@code waitPhoneNumber}, {@code closed}, or {@code starting}. */
    public String authorization() {
        return authorizationState.map(AuthorizationState::label).orElse("starting");
    }

    /** The connection state for /health: {@code ready}, {@code connecting}, {@code waitingForNetwork}, ... */
    public String connection() {
        return connectionState.map(ConnectionState::label).orElse("unknown");
    }

    /** The port the engine uses for this account. */
    public Telegram telegram() {
        return telegram;
    }

    /** Ends the session on Telegram's side too (the login is revoked); the local database is wiped by TDLib. */
    public void logOut() {
        closing = true;
        client.send(new TdFunction.LogOut());
        awaitClosed();
    }

    /** Closes the client, keeping the session for the next start. */
    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        closing = true;
        client.send(new TdFunction.Close());
        awaitClosed();
    }

    private void awaitClosed() {
        try {
            closed.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // TDLib did not confirm in time; the client is dropped all the same
        } finally {
            client.forget();
        }
    }

    /** Tells the engine once, unless we are the ones closing the session. */
    private void reportGone(String reason) {
        if (!closing && goneReported.compareAndSet(false, true)) {
            telegram.sessionGone(reason);
        }
    }

    private void onUpdate(TdUpdate update) {
        switch (update) {
            case UpdateAuthorizationState u -> onAuthorizationState(u.authorizationState());
            case UpdateConnectionState u -> connectionState = Optional.ofNullable(u.state());
            case UpdateOption u when u.name().equals("my_id") && u.value() instanceof OptionValueInteger id -> telegram.setMyUserId(id.value());
            default -> telegram.onUpdate(update);
        }
    }

    private void onAuthorizationState(AuthorizationState state) {
        if (state == null) {
            return;
        }
        authorizationState = Optional.of(state);
        authorizer.on(state);
        if (state instanceof AuthorizationStateLoggingOut) {
            reportGone("the session was logged out (revoked, or ended on another device)");
        }
        if (state instanceof AuthorizationStateClosed) {
            reportGone("the TDLib session closed");
            closed.complete(null);
        }
    }
}
