package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateClosed;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateClosing;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateLoggingOut;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateReady;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitCode;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitEmailAddress;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitEmailCode;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitOtherDeviceConfirmation;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPassword;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPhoneNumber;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPremiumPurchase;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitRegistration;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitTdlibParameters;
import dev.marketolog.telegram.tdlib.TdFunction.CheckAuthenticationCode;
import dev.marketolog.telegram.tdlib.TdFunction.CheckAuthenticationPassword;
import dev.marketolog.telegram.tdlib.TdFunction.RequestQrCodeAuthentication;
import dev.marketolog.telegram.tdlib.TdFunction.SetAuthenticationPhoneNumber;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one client through TDLib's authorization states, one small handler per state. It never blocks: answers come
 * from {@link LoginPrompts} as futures. {@link #outcome()} completes when the session is ready, and fails when it cannot
 * get there ({@link LoginPrompts.LoginRequired}, or {@link SessionClosed} once the client is closed).
 */
final class Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    /** The client is closed; a new one must be created to use the session again. */
    static final class SessionClosed extends RuntimeException {
        SessionClosed(String message) {
            super(message);
        }
    }

    private final TdClient client;
    private final TdlibParameters parameters;
    private final LoginPrompts prompts;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    Authorizer(TdClient client, TdlibParameters parameters, LoginPrompts prompts) {
        this.client = client;
        this.parameters = parameters;
        this.prompts = prompts;
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }

    void on(AuthorizationState state) {
        switch (state) {
            case AuthorizationStateWaitTdlibParameters s -> sendParameters();
            case AuthorizationStateWaitPhoneNumber s -> askPhoneNumber();
            case AuthorizationStateWaitCode s -> askCode("");
            case AuthorizationStateWaitPassword s -> askPassword(s.passwordHint(), "");
            case AuthorizationStateWaitOtherDeviceConfirmation s -> prompts.showQrLink(s.link());
            case AuthorizationStateWaitEmailAddress s -> cannotGoOn(
                    "Telegram asks for an email address to send login codes to; set it up by logging in once with an official Telegram app, then run login again");
            case AuthorizationStateWaitEmailCode s -> cannotGoOn(
                    "Telegram sent the login code to the account's email; log in once with an official Telegram app, then run login again");
            case AuthorizationStateWaitRegistration s -> cannotGoOn(
                    "this phone number has no Telegram account; register it with an official Telegram app first");
            case AuthorizationStateWaitPremiumPurchase s -> cannotGoOn(
                    "Telegram requires a Telegram Premium purchase in an official app before this number can log in");
            case AuthorizationStateReady s -> outcome.complete(null);
            case AuthorizationStateLoggingOut s -> prompts.tell("the session is being logged out");
            case AuthorizationStateClosing s -> { }
            case AuthorizationStateClosed s -> outcome.completeExceptionally(new SessionClosed("the TDLib session is closed"));
        }
    }

    private void sendParameters() {
        client.send(parameters.request())
                .thenCompose(ok -> parameters.proxy().map(proxy -> client.send(proxy).thenApply(added -> ok))
                        .orElse(CompletableFuture.completedFuture(ok)))
                .exceptionally(failure -> fail("TDLib refused the session parameters", failure));
    }

    private void askPhoneNumber() {
        if (prompts.useQrCode()) {
            client.send(new RequestQrCodeAuthentication(List.of()))
                    .exceptionally(failure -> fail("QR-code login could not start", failure));
            return;
        }
        prompts.phoneNumber()
                .thenCompose(phone -> client.send(new SetAuthenticationPhoneNumber(phone.strip())))
                .exceptionally(failure -> retryOr(failure, "PHONE_NUMBER_INVALID", problem -> {
                    prompts.tell("Telegram refused the phone number (PHONE_NUMBER_INVALID); type it in international format, e.g. +4915112345678");
                    askPhoneNumber();
                }));
    }

    private void askCode(String problem) {
        prompts.code(problem)
                .thenCompose(code -> client.send(new CheckAuthenticationCode(code.strip())))
                .exceptionally(failure -> retryOr(failure, "PHONE_CODE_INVALID",
                        p -> askCode("the code is wrong (PHONE_CODE_INVALID); type it again")));
    }

    private void askPassword(String hint, String problem) {
        prompts.password(hint, problem)
                .thenCompose(password -> client.send(new CheckAuthenticationPassword(password)))
                .exceptionally(failure -> retryOr(failure, "PASSWORD_HASH_INVALID",
                        p -> askPassword(hint, "the password is wrong (PASSWORD_HASH_INVALID); type it again")));
    }

    /** Asks again when TDLib refused the answer with {@code retryable}; anything else ends the login. */
    private <T> T retryOr(Throwable failure, String retryable, Consumer<String> retry) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TdException e && e.error().message().equals(retryable)) {
            retry.accept(retryable);
            return null;
        }
        return fail("login failed", cause);
    }

    private void cannotGoOn(String reason) {
        prompts.tell(reason);
        outcome.completeExceptionally(new LoginPrompts.LoginRequired(reason));
    }

    /** Ends the login with a failure that says what happened, even when the cause came without a message. */
    private <T> T fail(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause.getMessage() == null) {
            cause = new IllegalStateException(what + ": " + cause.getClass().getSimpleName(), cause);
        }
        if (!(cause instanceof LoginPrompts.LoginRequired)) {
            LOG.warn("{}: {}", what, cause.getMessage());
        }
        outcome.completeExceptionally(cause);
        return null;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
