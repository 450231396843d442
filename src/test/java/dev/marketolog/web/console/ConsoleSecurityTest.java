package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.CapturedLog;
import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.Secret;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's security rules (OWASP cheat sheets on authentication, brute force and HTTP headers), each with a test. */
class ConsoleSecurityTest {

    private static final String TOKEN = "7c0e5a9d2b4f6e8a1c3d5b7f9e0a2c4d";
    private static final String WRONG = "wrong-guess-0a1b2c3d4e5f6a7b8c9d";

    @RegisterExtension
    final CapturedLog log = CapturedLog.of(ConsoleAuth.class);

    @AutoClose
    final Metrics metrics = Metrics.start("test");

    private final AdminApi api = new AdminApi(new ConsoleAuth(
            (ConsoleAccess.Open) ConsoleAccess.of(Secret.of(TOKEN)), new LoginThrottle(Instant::now)), Instant::now);

    @AutoClose
    final WebServer server = WebServer.start("127.0.0.1", 0, ctx -> ctx.result("ok"), new MetricsHandler(metrics.registry()),
            List.of(new Console(List.of(api))));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRequestWithoutTheTokenIsUnauthorizedWithAJsonError() throws Exception {
        HttpResponse<String> response = ConsoleHttp.anonymous(server.port()).get("/api/v1/accounts");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json.readTree(response.body()).get("error").asText()).contains("Authorization: Bearer");
    }

    @Test
    void aWrongTokenIsUnauthorizedAndTheSixthAttemptInAMinuteIsThrottledEvenWithTheRightToken() throws Exception {
        ConsoleHttp wrong = ConsoleHttp.withToken(server.port(), WRONG);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(wrong.get("/api/v1/accounts").statusCode()).as("attempt %d", i + 1).isEqualTo(401);
        }

        HttpResponse<String> throttled = ConsoleHttp.withToken(server.port(), TOKEN).get("/api/v1/accounts");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(json.readTree(throttled.body()).get("error").asText()).contains("too many failed attempts");
    }

    @Test
    void failedAttemptsAreLoggedWithTheAddressAndNeverTheValueTried() {
        ConsoleHttp.withToken(server.port(), WRONG).get("/api/v1/accounts");

        String logged = log.events().stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
        assertThat(logged).contains("wrong bearer token from 127.0.0.1").doesNotContain(WRONG).doesNotContain(TOKEN);
    }

    @Test
    void theRightTokenPassesAndTheApiSaysItIsStartingUntilTheAccountsAreThere() throws Exception {
        HttpResponse<String> response = ConsoleHttp.withToken(server.port(), TOKEN).get("/api/v1/accounts");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("starting");
    }

    @Test
    void everyConsoleResponseCarriesTheSecurityHeadersErrorsIncluded() {
        List<HttpResponse<String>> responses = List.of(
                ConsoleHttp.withToken(server.port(), TOKEN).get("/api/v1/accounts"),
                ConsoleHttp.anonymous(server.port()).get("/api/v1/accounts"),
                ConsoleHttp.withToken(server.port(), TOKEN).get("/api/v1/no-such-thing"));

        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        assertThat(ConsoleHttp.anonymous(server.port()).get("/health").statusCode()).isEqualTo(200);
        assertThat(ConsoleHttp.anonymous(server.port()).get("/metrics").statusCode()).isEqualTo(200);
    }
}
