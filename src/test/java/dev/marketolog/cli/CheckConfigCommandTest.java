package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.SettingKey;
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
                .contains("Note: the values shown come from the files and the environment only: values an operator set in the"
                        + " console (stored in PostgreSQL) may apply on top of them in serve.")
                .doesNotContain("hash-one-secret", "hash-two-secret", "dsn-secret", "1BVts-secret", "sk-env-secret");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonIsOneObjectWithProcessAndEachAccountsSettingsMasked() throws Exception {
        Path one = write(".env.one", "TELEGRAM_API_ID=111", "TELEGRAM_API_HASH=hash-one-secret", "ALLOWLIST_CHAT_IDS=[-1001]",
                "POSTGRES_DSN=postgresql+psycopg2://user:${PG_PASS}@postgres:5432/mb_db", "UNKNOWN_KEY=1");
        Path two = write(".env.two", "TELEGRAM_API_ID=222", "TELEGRAM_API_HASH=hash-two-secret", "MESSAGES_PER_DAY=12");

        int exit = run(Map.of("OPENAI_API_KEY", "sk-env-secret", "PG_PASS", "dsn-secret", "ADMIN_TOKEN", "admin-secret"),
                "--json", "--env-file", one.toString(), "--env-file", two.toString());

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("console_overrides").asText()).contains("may apply on top of them in serve");
        assertThat(json.get("process").get("HTTP_PORT").asText()).isEqualTo("8000");
        assertThat(json.get("process").get("ADMIN_TOKEN").asText()).isEqualTo("****");
        assertThat(json.get("console").get("enabled").asBoolean()).as("a 12-character token").isFalse();
        assertThat(json.get("console").get("reason").asText()).contains("ADMIN_TOKEN is too short");
        assertThat(json.get("process").get("POSTGRES_DSN").asText()).contains("jdbc:postgresql://postgres:5432/mb_db");
        assertThat(json.get("accounts")).hasSize(2);
        JsonNode first = json.get("accounts").get(0);
        assertThat(first.get("name").asText()).isEqualTo("one");
        assertThat(first.get("env_file").asText()).isEqualTo(one.toString());
        assertThat(first.get("settings").get("TELEGRAM_API_ID").asText()).isEqualTo("111");
        assertThat(first.get("settings").get("TELEGRAM_API_HASH").asText()).isEqualTo("****");
        assertThat(first.get("settings").get("OPENAI_API_KEY").asText()).isEqualTo("****");
        assertThat(json.get("accounts").get(1).get("settings").get("MESSAGES_PER_DAY").asText()).isEqualTo("12");
        assertThat(first.get("settings").properties()).hasSize(SettingKey.values().length - json.get("process").size());
        assertThat(json.get("warnings").get(0).asText()).contains("unknown key UNKNOWN_KEY");
        assertThat(json.has("problems")).isFalse();
        assertThat(out.toString().strip()).doesNotContain("\n")
                .doesNotContain("hash-one-secret", "hash-two-secret", "dsn-secret", "sk-env-secret", "admin-secret");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonListsEveryProblemAndExitsTwo() throws Exception {
        Path one = write(".env", "TELEGRAM_API_ID=abc", "TELEGRAM_API_HASH=hash-secret", "OPENAI_API_KEY=");

        int exit = run(Map.of(), "--json", "--env-file", one.toString());

        assertThat(exit).isEqualTo(CommandSettings.PROBLEMS);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.has("accounts")).isFalse();
        assertThat(json.get("problems")).singleElement().satisfies(problem -> {
            assertThat(problem.get("source").asText()).isEqualTo(one + ":1");
            assertThat(problem.get("key").asText()).isEqualTo("TELEGRAM_API_ID");
            assertThat(problem.get("value").asText()).isEqualTo("abc");
            assertThat(problem.get("expected").asText()).startsWith("a whole number");
        });
        assertThat(out.toString()).doesNotContain("hash-secret");
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
