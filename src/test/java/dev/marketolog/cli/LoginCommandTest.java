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

    @Test
    void aTelethonSessionStringIsNamedOnceInOnePlainLineAndNeverShown(@TempDir Path dir) throws Exception {
        Path env = CommandRun.accountEnvFile(dir, "TELEGRAM_SESSION_STRING=1BVtsOJ4Bu-telethon-secret");

        CommandRun run = CommandRun.of(new LoginCommand(), "--env-file", env.toString(), "--logout");

        assertThat(run.out().lines().filter(line -> line.contains("TELEGRAM_SESSION_STRING")).toList()).containsExactly(
                "TELEGRAM_SESSION_STRING is a Telethon session, which TDLib cannot use; it is ignored. Log in here once instead.");
        assertThat(run.out()).doesNotContain("1BVtsOJ4Bu-telethon-secret");
    }
}
