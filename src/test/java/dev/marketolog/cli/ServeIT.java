package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.store.SilentServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.web.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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
        Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, workDir.resolve("data"), port));
        env.put("LOG_FORMAT", "json");

        Process serve = launch(env, log);
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

    @Test
    void sigtermWhileTheDatabaseNeverAnswersStopsTheStartCleanly() throws Exception {
        Path log = workDir.resolve("serve.log");
        try (SilentServer database = SilentServer.start()) {
            Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, workDir.resolve("data"), ServeEnvironment.freePort()));
            env.put("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:" + database.port() + "/app");
            Process serve = launch(env, log);
            try {
                await().atMost(START_WITHIN).until(() -> Files.readString(log).contains("Connecting to the database"));

                serve.destroy(); // SIGTERM while the start waits for the database

                assertThat(serve.waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
                assertThat(serve.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isIn(0, 1);
            } finally {
                serve.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).doesNotContain("\tat ").contains("Stopping");
    }

    /**
     * The JVM's own handling of SIGTERM exits 143; main installs serve's before picocli reads the commands (loading
     * picocli and the logging is most of the first second), so a signal as soon as picocli loads ends serve with 0.
     */
    @Test
    void sigtermBeforeServeHasReadItsSettingsExitsZero() throws Exception {
        Path log = workDir.resolve("serve.log");
        Path classes = workDir.resolve("classes.log");
        Process serve = launch(ServeEnvironment.of(db, workDir.resolve("data"), ServeEnvironment.freePort()), log,
                "-Xlog:class+load=info:file=" + classes);
        try {
            await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(5))
                    .until(() -> Files.exists(classes) && Files.readString(classes).contains(" picocli.CommandLine "));

            serve.destroy(); // SIGTERM

            assertThat(serve.waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(serve.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void aTakenPortEndsTheStartWithOneLineBeforeTheDatabaseIsAsked() throws Exception {
        Path log = workDir.resolve("serve.log");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SilentServer database = SilentServer.start()) {
            Map<String, String> env = new HashMap<>(ServeEnvironment.of(db, workDir.resolve("data"), taken.getLocalPort()));
            env.put("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:" + database.port() + "/app");
            Process serve = launch(env, log);
            try {
                assertThat(serve.waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
                assertThat(serve.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isEqualTo(1);
            } finally {
                serve.destroyForcibly();
            }
            assertThat(database.connections()).as("connections to the database").isZero();
        }
        List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains("ERROR")).toList();
        assertThat(errors).singleElement().asString().contains("port").contains("already in use");
    }

    /**
     * serve from the packaged jar with only {@code env} (nothing of the machine running the build), output to
     * {@code log}, with {@code jvmOptions} before the jar.
     */
    private static Process launch(Map<String, String> env, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", Path.of(System.getProperty("marketolog.jar")).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The first answer of /health once serve has started (it says "starting" before); fails when the process ends. */
    private static HttpResponse<String> awaitHealth(Process serve, int port) {
        return await("serve listens within " + START_WITHIN).atMost(START_WITHIN).pollInterval(Duration.ofMillis(200))
                .failFast("serve ended before it listened", () -> !serve.isAlive())
                .ignoreException(UncheckedIOException.class) // not listening yet
                .until(() -> TestHttp.get(port, "/health"), response -> !response.body().contains("\"starting\""));
    }
}
