package dev.marketolog.telegram.tdlib;

import java.util.concurrent.CompletableFuture;

/**
 * Where a login gets what only the person logging in knows. Answers come as futures so a terminal, the admin API or a
 * test can give them; they are never called on the TDLib receive thread's behalf with a blocking wait.
 */
public interface LoginPrompts {

    /** Whether to log in by QR code (scanned on a logged-in phone) instead of phone number and code. */
    boolean useQrCode();

    /** The account's phone number in international format. */
    CompletableFuture<String> phoneNumber();

    /** The login code Telegram sent; {@code problem} is empty the first time, else why the last one was refused. */
    CompletableFuture<String> code(String problem);

    /** The 2-step verification password; {@code problem} as for {@link #code}. */
    CompletableFuture<String> password(String hint, String problem);

    /** Shows the {@code tg://login} link to scan; it changes every few seconds. */
    void showQrLink(String link);

    /** Tells the person something they should know (a refusal we cannot get past, a state change). */
    void tell(String message);

    /** For sessions that must already be logged in (serve, doctor): asks nothing, every question means "needs login". */
    LoginPrompts NONE = new LoginPrompts() {
        @Override
        public boolean useQrCode() {
            return false;
        }

        @Override
        public CompletableFuture<String> phoneNumber() {
            return CompletableFuture.failedFuture(new LoginRequired("the session is not logged in"));
        }

        @Override
        public CompletableFuture<String> code(String problem) {
            return CompletableFuture.failedFuture(new LoginRequired("the session waits for a login code"));
        }

        @Override
        public CompletableFuture<String> password(String hint, String problem) {
            return CompletableFuture.failedFuture(new LoginRequired("the session waits for its 2FA password"));
        }

        @Override
        public void showQrLink(String link) {}

        @Override
        public void tell(String message) {}
    };

    /** The session cannot go on without an interactive {@code marketolog login}. */
    final class LoginRequired extends RuntimeException {
        public LoginRequired(String message) {
            super(message);
        }
    }
}
