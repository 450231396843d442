package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.RequiresTdjson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTdjson
class LoginCommandTest {

    @Test
    void logoutOfAnAccountThatNeverLoggedInSaysThereIsNoSession(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of(new LoginCommand(), "--env-file", CommandRun.accountEnvFile(dir).toString(), "--logout");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("has no session to end (waitPhoneNumber)");
    }
}
