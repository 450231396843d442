package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.RequiresTdjson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@RequiresTdjson
class LoginCommandTest {

    static Path envFile(Path dir) throws Exception {
        Path env = dir.resolve(".env.bot1");
        Files.writeString(env, """
                TELEGRAM_API_ID=1
                TELEGRAM_API_HASH=00000000000000000000000000000000
                ALLOWLIST_CHAT_IDS=[-1001234]
                DATA_DIR=%s
                """.formatted(dir.resolve("data")));
        return env;
    }

    @Test
    void logoutOfAnAccountThatNeverLoggedInSaysThereIsNoSession(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new LoginCommand()).execute("--env-file", envFile(dir).toString(), "--logout");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("has no session to end (waitPhoneNumber)");
    }
}
