package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int serve(Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new ServeCommand(dir, environment));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void badSettingsArePrintedTogetherAndExitTwoWithoutAStackTrace() throws Exception {
        Path env = Files.writeString(dir.resolve(".env.bot2"), """
                TELEGRAM_API_HASH=0f1e2d3c4b5a69788796a5b4c3d2e1f0
                MESSAGES_PER_DAY=lots
                HTTP_PORT=99999
                """);

        int exit = serve(Map.of(), "--env-file", env.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("MESSAGES_PER_DAY=lots")
                .contains("HTTP_PORT=99999")
                .contains("TELEGRAM_API_ID")
                .doesNotContain("0f1e2d3c4b5a69788796a5b4c3d2e1f0")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void theEnvFilesOfTheWorkingDirectoryAreFoundWithoutOptions() throws Exception {
        Files.writeString(dir.resolve(".env"), "MESSAGES_PER_DAY=lots\n");
        Files.writeString(dir.resolve(".env.bot3"), "MESSAGES_PER_HOUR=many\n");

        int exit = serve(Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(".env:").contains("MESSAGES_PER_DAY=lots").contains(".env.bot3:").contains("MESSAGES_PER_HOUR=many");
    }

    @Test
    void anUnreachableDatabaseIsOneClearLineAndExitOne() {
        Map<String, String> environment = Map.of(
                "TELEGRAM_API_ID", "123456",
                "TELEGRAM_API_HASH", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "POSTGRES_DSN", "postgresql://marketolog:db-secret-1a2b3c@127.0.0.1:" + ServeEnvironment.freePort() + "/marketolog",
                "HTTP_PORT", Integer.toString(ServeEnvironment.freePort()),
                "DATA_DIR", dir.resolve("data").toString());
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = serve(environment);
        } finally {
            System.setErr(originalErr);
        }

        assertThat(exit).isEqualTo(1);
        String output = logs.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Cannot start: cannot connect to the database at jdbc:postgresql://127.0.0.1:")
                .doesNotContain("db-secret-1a2b3c")
                .doesNotContain("\tat ");
    }
}
