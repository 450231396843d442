package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine command = new CommandLine(new CheckConfigCommand(dir, environment));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void printsEachAccountMaskedAndExitsZero() throws Exception {
        Path one = write(".env.one", "TELEGRAM_API_ID=111", "TELEGRAM_API_HASH=hash-one-secret", "ALLOWLIST_CHAT_IDS=[-1001]",
                "POSTGRES_DSN=postgresql+psycopg2://user:dsn-secret@postgres:5432/mb_db", "TELEGRAM_SESSION_STRING=1BVts-secret");
        Path two = write(".env.two", "TELEGRAM_API_ID=222", "TELEGRAM_API_HASH=hash-two-secret", "ALLOWLIST_CHAT_IDS=-1002,-1003",
                "MESSAGES_PER_DAY=12");

        int exit = run(Map.of("OPENAI_API_KEY", "sk-env-secret"), "--env-file", one.toString(), "--env-file", two.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("account one (" + one + "):", "account two (" + two + "):")
                .contains("TELEGRAM_API_ID=111", "TELEGRAM_API_ID=222", "ALLOWLIST_CHAT_IDS=[-1002, -1003]", "MESSAGES_PER_DAY=12")
                .contains("TELEGRAM_API_HASH=****", "OPENAI_API_KEY=****", "user=user password=****")
                .contains("TELEGRAM_SESSION_STRING (a Telethon session) cannot be used by TDLib: run `marketolog login --env-file "
                        + one + "` once for account one.")
                .contains("OK: 2 accounts ready for serve.")
                .doesNotContain("hash-one-secret", "hash-two-secret", "dsn-secret", "1BVts-secret", "sk-env-secret");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void findsDotEnvFilesInTheWorkingDirectoryByDefault() throws Exception {
        write(".env", "TELEGRAM_API_ID=1", "TELEGRAM_API_HASH=h", "ALLOWLIST_CHAT_IDS=-1001");
        write(".env.bot2", "TELEGRAM_API_ID=2", "TELEGRAM_API_HASH=h", "ALLOWLIST_CHAT_IDS=-1002");

        assertThat(run(Map.of())).isZero();
        assertThat(out.toString()).contains("account bot (", "account bot2 (", "OK: 2 accounts");
    }

    @Test
    void printsEveryProblemAndExitsTwo() throws Exception {
        Path one = write(".env", "TELEGRAM_API_ID=abc", "TELEGRAM_API_HASH=hash-secret", "LLM_TOP_P=3");
        Path two = write(".env.bot1", "TELEGRAM_API_HASH=other-hash-secret", "ACTIVE_WINDOWS=10-5");

        int exit = run(Map.of(), "--env-file", one.toString(), "--env-file", two.toString());

        assertThat(exit).isEqualTo(CommandSettings.PROBLEMS);
        assertThat(err.toString())
                .startsWith("4 configuration problems:")
                .contains(one + ":1: TELEGRAM_API_ID=abc: expected a whole number ≥ 1")
                .contains(one + ":3: LLM_TOP_P=3: expected a number from 0 to 1")
                .contains(two + ": TELEGRAM_API_ID: expected a value")
                .contains(two + ":2: ACTIVE_WINDOWS=10-5: expected hour windows")
                .doesNotContain("hash-secret", "Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void isASubcommandOfMarketolog() {
        assertThat(new CommandLine(new dev.marketolog.App()).getSubcommands()).containsKey("check-config");
    }
}
