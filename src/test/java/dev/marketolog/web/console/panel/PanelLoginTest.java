package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.Secret;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import dev.marketolog.web.console.Console;
import dev.marketolog.web.console.ConsoleAuth;
import dev.marketolog.web.console.LoginThrottle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login form over real HTTP, before serve has handed the panel its services (signing in needs only the token):
 * OWASP's brute-force rule (the form shares the API's throttle) and the 503 of a page asked for during the start.
 */
class PanelLoginTest {

    private static final String TOKEN = "9b1d3f5a7c9e0b2d4f6a8c0e1a3c5e7b";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Metrics metrics = Metrics.start("test");
    private final InstantSource clock = InstantSource.system();
    private final WebServer server = WebServer.start("127.0.0.1", 0, ctx -> ctx.result("ok"), new MetricsHandler(metrics.registry()),
            List.of(new Console(List.of(new Panel(new ConsoleAuth((ConsoleAccess.Open) ConsoleAccess.of(Secret.of(TOKEN)),
                    new LoginThrottle(clock)), new PanelSessions(clock), clock, true)))));

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void afterFiveWrongTokensTheFormAnswers429WithRetryAfterEvenForTheRightOne() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            HttpResponse<String> wrong = login("not-the-token-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("That is not the token").doesNotContain("not-the-token-" + i);
        }

        HttpResponse<String> throttled = login(TOKEN);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(throttled.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void rightTokenGivesASecureHttpOnlySameSiteStrictCookieWhenThePublicUrlIsHttps() throws Exception {
        HttpResponse<String> signedIn = login(TOKEN);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith(Panel.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").contains("Secure"));
    }

    @Test
    void pageAskedForDuringTheStartSaysSoWith503() throws Exception {
        String cookie = login(TOKEN).headers().firstValue("Set-Cookie").orElseThrow();

        HttpResponse<String> overview = HTTP.send(HttpRequest.newBuilder(uri("/"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(overview.statusCode()).isEqualTo(503);
        assertThat(overview.body()).contains("starting");
    }

    private HttpResponse<String> login(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
