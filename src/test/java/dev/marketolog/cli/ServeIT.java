package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.web.TestHttp;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: a real process, stopped by SIGTERM. Runs after {@code mvn package}. */
class ServeIT {

    /** Generous bounds for a loaded 2-core machine; the contract is 20 s to stop. */
    private static final Duration START_WITHIN = Duration.ofSeconds(90);
    private static final long STOP_WITHIN_SECONDS = 30;

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @TempDir
    Path workDir;

    @Test
    void servesUntilSigtermThenStopsCleanlyWithExitZero() throws Exception {
        int port = ServeEnvironment.freePort();
        Path log = workDir.resolve("serve.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        Path.of(System.getProperty("marketolog.jar")).toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // only what the test gives: no LOG_FORMAT or POSTGRES_DSN of the machine running the build
        builder.environment().clear();
        builder.environment().putAll(ServeEnvironment.of(db, workDir.resolve("data"), port));
        builder.environment().put("LOG_FORMAT", "json");

        Process serve = builder.start();
        try {
            HttpResponse<String> health = awaitHealth(serve, port);
            assertThat(health.statusCode()).as("GET /health; log:%n%s", Files.readString(log)).isEqualTo(200);

            serve.destroy(); // SIGTERM

            assertThat(serve.waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(serve.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
        } finally {
            serve.destroyForcibly();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            lines.add(new ObjectMapper().readTree(line)); // LOG_FORMAT=json: every line one object
        }
        assertThat(lines).allMatch(JsonNode::isObject);
        assertThat(lines).extracting(line -> line.path("formattedMessage").asText()).contains("Stopping", "Stopped");
        String output = Files.readString(log);
        for (String secret : ServeEnvironment.SECRETS) {
            assertThat(output).doesNotContain(secret);
        }
    }

    /** The first answer of /health once it listens; fails when the process ends or takes too long to listen. */
    private static HttpResponse<String> awaitHealth(Process serve, int port) {
        return await("serve listens within " + START_WITHIN).atMost(START_WITHIN).pollInterval(Duration.ofMillis(200))
                .failFast("serve ended before it listened", () -> !serve.isAlive())
                .ignoreException(UncheckedIOException.class)
                .until(() -> TestHttp.get(port, "/health"), response -> true);
    }
}
