package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.LogFormat;
import dev.marketolog.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogOutputTest {

    private static final String API_HASH = "0123456789abcdef0123456789abcdef";

    private final Logger log = LoggerFactory.getLogger(LogOutputTest.class);
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** Logs through the real logback.xml with {@code format}; returns the lines written to stderr. */
    private List<String> logLines(LogFormat format) {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LogOutput.use(format);
        log.info("Account {} logged in with API hash {}", "bot2", Secret.of(API_HASH));
        log.warn("Session for {} failed", "bot2", new IllegalStateException("AUTH_KEY_UNREGISTERED\nsecond line"));
        System.setErr(originalErr);
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @AfterEach
    void restoreTheTestLogging() throws JoranException {
        System.setErr(originalErr);
        System.clearProperty(LogOutput.FORMAT_PROPERTY);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLineWithoutSecrets() throws Exception {
        List<String> lines = logLines(LogFormat.JSON);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            objects.add(json.readTree(line)); // throws unless the whole line is one JSON value
        }
        assertThat(objects).allMatch(JsonNode::isObject);
        // other tests' threads may log meanwhile: look at this test's own lines
        List<JsonNode> ours = objects.stream()
                .filter(o -> o.path("loggerName").asText().equals(LogOutputTest.class.getName()))
                .toList();
        assertThat(ours).hasSize(2);
        JsonNode info = ours.get(0);
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("formattedMessage").asText()).isEqualTo("Account bot2 logged in with API hash ****");
        JsonNode warning = ours.get(1);
        assertThat(warning.get("level").asText()).isEqualTo("WARN");
        assertThat(warning.get("throwable").toString()).contains("AUTH_KEY_UNREGISTERED");
        assertThat(String.join("\n", lines)).doesNotContain(API_HASH);
    }

    @Test
    void jsonFormatAppliesToEveryCommandNotOnlyServe() throws Exception {
        Path dir = Files.createTempDirectory("log-format");
        Path env = Files.write(dir.resolve(".env"), List.of("ALLOWLIST_CHAT_IDS=-1001", "TIMEZONE=UTC"));
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CommandLine simulate = new CommandLine(new SimulateCommand(Map.of("LOG_FORMAT", "json"), Clock.systemUTC()));
        simulate.setOut(new PrintWriter(new StringWriter()));

        // a closed channel makes the engine log a warning when it bans it
        int exit = simulate.execute("--env-file", env.toString(), "--days", "1", "--forbidden-chat", "-1001", "--json");
        System.setErr(originalErr);

        assertThat(exit).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(new ObjectMapper().readTree(line).isObject()).isTrue());
    }

    @Test
    void textFormatWritesReadableLinesWithoutSecrets() {
        List<String> lines = logLines(LogFormat.TEXT);

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains(" INFO ")
                .endsWith("LogOutputTest - Account bot2 logged in with API hash ****"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("IllegalStateException: AUTH_KEY_UNREGISTERED"));
        assertThat(String.join("\n", lines)).doesNotContain(API_HASH);
    }
}
