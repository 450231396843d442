package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marketolog demo} as the README tells a newcomer to run it: a real process, nothing configured. */
class DemoIT {

    /** The README's promise for a busy machine: the first comments within two minutes of the start. */
    private static final Duration FIRST_COMMENT_WITHIN = Duration.ofMinutes(2);
    private static final Pattern COMMENTS_URL = Pattern.compile("comments\\s+(http://127\\.0\\.0\\.1:\\d+/inspect/comments)");

    @TempDir
    Path workDir;

    @Test
    void theDemoCommentsInTheSandboxWithThePlaceholderWriterAndStopsWithExitZeroOnSigterm() throws Exception {
        Path out = workDir.resolve("demo.out");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-jar", Path.of(System.getProperty("marketolog.jar")).toString(), "demo")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().clear();
        // a closed port: no LLM, so the placeholder writes
        builder.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + ServeEnvironment.freePort() + "/v1");

        Process demo = builder.start();
        try {
            URI comments = await().atMost(FIRST_COMMENT_WITHIN).until(() -> commentsUrl(out, demo), Optional::isPresent).get();
            JsonNode received = await().atMost(FIRST_COMMENT_WITHIN).until(() -> get(comments), java.util.Objects::nonNull);
            assertThat(received.get(0).get("account").asText()).isIn("anna", "boris", "vera");
            assertThat(received.get(0).get("text").asText()).startsWith("[симуляция]");

            demo.destroy(); // SIGTERM

            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(demo.exitValue()).as("exit code; output:%n%s", Files.readString(out)).isZero();
        } finally {
            demo.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(output.split("the placeholder writer writes", -1)).as("said once").hasSize(2);
        assertThat(workDir.resolve("demo-data/postgres")).isDirectory();
    }

    private static Optional<URI> commentsUrl(Path out, Process demo) throws IOException {
        assertThat(demo.isAlive()).as("demo is running; output:%n%s", Files.readString(out)).isTrue();
        Matcher matcher = COMMENTS_URL.matcher(Files.readString(out));
        return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
    }

    /** The record of comments, or null while it is empty. */
    private static JsonNode get(URI uri) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode list = new ObjectMapper().readTree(body);
            return list.isEmpty() ? null : list;
        }
    }
}
