package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
import dev.marketolog.web.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTdjson
class ServeProcessTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path dataDir;

    @Test
    void servesHealthAndMetricsWithoutShowingOrLoggingASecret() throws Exception {
        Settings settings = SettingsLoader.load(
                List.of(), ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        HttpResponse<String> health;
        HttpResponse<String> metrics;
        try (ServeProcess process = new ServeProcess(settings)) {
            process.start();
            health = TestHttp.get(process.httpPort(), "/health");
            metrics = TestHttp.get(process.httpPort(), "/metrics");
        } finally {
            System.setErr(originalErr);
        }

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(health.body());
        assertThat(body.get("database").asText()).isEqualTo("up");
        assertThat(body.get("cache").asText()).isEqualTo("down");
        assertThat(body.get("accounts").get(0).get("name").asText()).isEqualTo("bot");
        // no session was ever made in this DATA_DIR: TDLib asks for a phone number, so the account needs a login
        assertThat(body.get("accounts").get(0).get("state").asText()).isEqualTo("needs login");
        assertThat(body.get("accounts").get(0).get("telegram").get("authorization").asText()).isEqualTo("waitPhoneNumber");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("cache_outages_total");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("HTTP listening on");
        for (String secret : ServeEnvironment.SECRETS) {
            assertThat(health.body()).doesNotContain(secret);
            assertThat(metrics.body()).doesNotContain(secret);
            assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
        }
    }

    @Test
    void closeStopsTakingRequests() throws Exception {
        Settings settings = SettingsLoader.load(
                List.of(), ServeEnvironment.of(db, dataDir, ServeEnvironment.freePort()), Purpose.SERVE);
        ServeProcess process = new ServeProcess(settings);
        process.start();
        int port = process.httpPort();
        assertThat(TestHttp.get(port, "/health").statusCode()).isEqualTo(200);

        process.close();

        assertThatThrownBy(() -> TestHttp.get(port, "/health")).isInstanceOf(UncheckedIOException.class);
    }
}
