package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known secret values go in; none of them may come out of toString, describe or a problem. */
class SecretRedactionTest {
    private static final List<String> SECRETS = List.of(
            "api-hash-7f3a9c", "sk-openai-51d2e8", "admin-token-c0ffee", "session-key-b16b00b5", "proxy-pass-0d15ea5e",
            "telethon-1BVtsOJ4Bu", "pg-pass-deadbeef", "redis-pass-feedface");

    @TempDir
    Path dir;

    private Path fileWithEverySecret(String... extraLines) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "TELEGRAM_API_ID=1234567",
                "TELEGRAM_API_HASH=api-hash-7f3a9c",
                "OPENAI_API_KEY=sk-openai-51d2e8",
                "ADMIN_TOKEN=admin-token-c0ffee",
                "SESSION_ENCRYPTION_KEY=session-key-b16b00b5",
                "TG_PROXY_HOST=proxy.example.com",
                "TG_PROXY_PORT=1080",
                "TG_PROXY_USER=proxy-user",
                "TG_PROXY_PASS=proxy-pass-0d15ea5e",
                "TELEGRAM_SESSION_STRING=telethon-1BVtsOJ4Bu",
                "POSTGRES_DSN=postgresql+psycopg2://user:pg-pass-deadbeef@postgres:5432/mb_db",
                "REDIS_URL=redis://:redis-pass-feedface@redis:6379/0",
                "ALLOWLIST_CHAT_IDS=[-1001]"));
        lines.addAll(List.of(extraLines));
        return Files.write(dir.resolve(".env"), lines);
    }

    @Test
    void secretsAppearNowhereInToStringOrDescription() throws Exception {
        Settings settings = SettingsLoader.load(List.of(fileWithEverySecret()), Map.of(), Purpose.SERVE);
        AccountSettings account = settings.accounts().getFirst();

        List<String> shown = List.of(
                settings.toString(),
                settings.process().toString(),
                settings.process().postgres().orElseThrow().toString(),
                account.toString(),
                account.llm().toString(),
                account.proxy().orElseThrow().toString(),
                SettingsDescription.describe(settings),
                String.join("\n", settings.warnings()));

        for (String text : shown) {
            assertThat(text).doesNotContain(SECRETS);
        }
        assertThat(SettingsDescription.describe(settings))
                .contains("TELEGRAM_API_HASH=****", "OPENAI_API_KEY=****", "ADMIN_TOKEN=****", "TG_PROXY_PASS=****",
                        "POSTGRES_DSN=jdbc:postgresql://postgres:5432/mb_db user=user password=****",
                        "REDIS_URL=redis://:****@redis:6379/0");
    }

    @Test
    void secretsAppearNowhereInProblems() throws Exception {
        // the same secrets, each made part of a problem: a conflict, a bad value next to them, a second file
        Path first = fileWithEverySecret("MESSAGES_PER_DAY=none");
        Path second = Files.write(dir.resolve(".env.bot1"), List.of(
                "POSTGRES_DSN=postgresql://user:pg-pass-deadbeef@other:5432/mb_db",
                "REDIS_URL=redis://redis-pass-feedface@elsewhere:6379/0",
                "ADMIN_TOKEN=admin-token-c0ffee-2",
                "TG_PROXY_PASS=proxy-pass-0d15ea5e"));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(List.of(first, second), Map.of(), Purpose.SERVE));

        assertThat(e.problems()).extracting(ConfigProblem::key)
                .contains("POSTGRES_DSN", "REDIS_URL", "ADMIN_TOKEN", "TG_PROXY_HOST", "MESSAGES_PER_DAY");
        assertThat(e.getMessage()).doesNotContain(SECRETS);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain(SECRETS));
    }
}
