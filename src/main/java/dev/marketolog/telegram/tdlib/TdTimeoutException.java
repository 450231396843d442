package dev.marketolog.telegram.tdlib;

import java.time.Duration;

/** TDLib did not answer a request within its timeout: Telegram is out of reach (the network, or the proxy). */
public final class TdTimeoutException extends RuntimeException {

    private final String request;

    public TdTimeoutException(String request, Duration timeout) {
        super("Telegram did not answer within " + readable(timeout) + " (" + request + "): check the network or TG_PROXY_*");
        this.request = request;
    }

    /** The request as TDLib names it, e.g. {@code setAuthenticationPhoneNumber}. */
    public String request() {
        return request;
    }

    static String requestName(TdFunction<?> function) {
        String simple = function.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
