package dev.marketolog.telegram.tdlib;

/** TDLib's authorization states: every {@code authorizationState*} of td_api.tl 1.8.65, with the fields we use. */
public sealed interface AuthorizationState {

    /** TDLib waits for setTdlibParameters. */
    record AuthorizationStateWaitTdlibParameters() implements AuthorizationState {}

    /** TDLib waits for a phone number (or a QR-code login request). */
    record AuthorizationStateWaitPhoneNumber() implements AuthorizationState {}

    /** Telegram asks for a Telegram Premium in-store purchase before login: impossible for us. */
    record AuthorizationStateWaitPremiumPurchase(String storeProductId) implements AuthorizationState {}

    /** Telegram asks for an email address to send login codes to. */
    record AuthorizationStateWaitEmailAddress() implements AuthorizationState {}

    /** Telegram sent the login code to an email address. */
    record AuthorizationStateWaitEmailCode() implements AuthorizationState {}

    /** Telegram sent a login code (app, SMS, call). */
    record AuthorizationStateWaitCode() implements AuthorizationState {}

    /** QR-code login: another logged-in device must open {@code link}. */
    record AuthorizationStateWaitOtherDeviceConfirmation(String link) implements AuthorizationState {}

    /** The phone number has no Telegram account yet. */
    record AuthorizationStateWaitRegistration() implements AuthorizationState {}

    /** The account has a 2-step verification password. */
    record AuthorizationStateWaitPassword(String passwordHint) implements AuthorizationState {}

    /** Logged in: requests work. */
    record AuthorizationStateReady() implements AuthorizationState {}

    /** The session is being ended (by us, by the user elsewhere, or revoked by Telegram). */
    record AuthorizationStateLoggingOut() implements AuthorizationState {}

    /** The client is closing. */
    record AuthorizationStateClosing() implements AuthorizationState {}

    /** The client is closed for good; a new one must be created. */
    record AuthorizationStateClosed() implements AuthorizationState {}

    /** Whether TDLib waits for what only a login gives (a phone number, a code, a password, ...), not for the network. */
    default boolean waitsForLogin() {
        return switch (this) {
            case AuthorizationStateWaitPhoneNumber s -> true;
            case AuthorizationStateWaitCode s -> true;
            case AuthorizationStateWaitPassword s -> true;
            case AuthorizationStateWaitOtherDeviceConfirmation s -> true;
            case AuthorizationStateWaitEmailAddress s -> true;
            case AuthorizationStateWaitEmailCode s -> true;
            case AuthorizationStateWaitRegistration s -> true;
            case AuthorizationStateWaitPremiumPurchase s -> true;
            case AuthorizationStateWaitTdlibParameters s -> false;
            case AuthorizationStateReady s -> false;
            case AuthorizationStateLoggingOut s -> false;
            case AuthorizationStateClosing s -> false;
            case AuthorizationStateClosed s -> false;
        };
    }

    /** A short name for /health and logs: {@code waitPhoneNumber}, {@code ready}, ... */
    default String label() {
        return TdJsonMapper.label(this, AuthorizationState.class);
    }
}
