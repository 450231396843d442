package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static ConfigException failure(List<Path> files, Map<String, String> env, Purpose purpose) {
        return catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(files, env, purpose));
    }

    @Test
    void seedReadmeExampleLoadsToItsValues() throws Exception {
        Path env = dir.resolve(".env");
        try (InputStream seed = getClass().getResourceAsStream("seed-example.env")) {
            Files.copy(seed, env);
        }

        Settings settings = SettingsLoader.load(List.of(env), Map.of(), Purpose.SERVE);

        AccountSettings bot = settings.accounts().getFirst();
        assertThat(bot.name()).isEqualTo("bot");
        assertThat(bot.envFile()).hasValue(env);
        assertThat(bot.apiId()).isEqualTo(OptionalInt.of(1234567));
        assertThat(bot.apiHash().reveal()).isEqualTo("your_api_hash_here");
        assertThat(bot.hasTelethonSession()).isTrue();
        assertThat(bot.enabled()).isTrue();
        assertThat(bot.allowlist()).containsExactly(-1001234567890L, -1009876543210L);
        Limits limits = bot.limits();
        assertThat(limits.activeWindows()).isEqualTo(ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)));
        assertThat(limits.messagesPerDay()).isEqualTo(40);
        assertThat(limits.messagesPerHour()).isEqualTo(8);
        assertThat(limits.minIntervalBetweenMessages()).isEqualTo(Duration.ofSeconds(90));
        assertThat(limits.minIntervalPerChat()).isEqualTo(Duration.ofMinutes(40));
        assertThat(limits.maxInstantPerChatPerHour()).isEqualTo(2);
        assertThat(limits.freshPostMaxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(limits.instantCommentDelay()).isEqualTo(Duration.ofMinutes(5));
        LlmSettings llm = bot.llm();
        assertThat(llm.baseUrl()).isEqualTo(URI.create("http://ollama:11434/v1"));
        assertThat(llm.apiKey().reveal()).isEqualTo("ollama");
        assertThat(llm.model()).isEqualTo("llama3.1:8b");
        assertThat(List.of(llm.temperature(), llm.topP(), llm.frequencyPenalty(), llm.presencePenalty()))
                .containsExactly(0.4, 0.9, 0.3, 0.2);
        assertThat(List.of(llm.minLen(), llm.maxLen(), llm.maxEmojis())).containsExactly(30, 220, 1);
        assertThat(llm.strictValidate()).isFalse();
        assertThat(bot.spamGuard()).isEqualTo(new SpamGuardSettings(
                Duration.ofHours(1), Duration.ofDays(1), 3, SpamGuardSettings.defaults().floodWaitSerious()));
        assertThat(bot.cacheTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(bot.proxy()).isEmpty();
        ProcessSettings process = settings.process();
        assertThat(process.postgres()).hasValue(
                new DatabaseDsn("jdbc:postgresql://postgres:5432/mb_db", "user", Secret.of("password")));
        assertThat(process.redisUrl()).hasValue(URI.create("redis://redis:6379/0"));
        assertThat(process.adminToken().reveal()).isEqualTo("change-me");
        assertThat(settings.warnings()).containsExactly(
                env + ":48: ADMIN_TOKEN is too short (9 characters, at least 24 are needed), so the console (admin API "
                        + "and panel) is off; set ADMIN_TOKEN to a random token of at least 24 characters (openssl rand -hex 24)",
                "TELEGRAM_SESSION_STRING (a Telethon session) cannot be used by TDLib: run `marketolog login --env-file "
                        + env + "` once for account bot.");
    }

    @Test
    void nothingGivenMeansOneAccountWithTheRecordsDefaults() throws Exception {
        Settings settings = SettingsLoader.load(List.of(), Map.of("PATH", "/usr/bin", "HOME", "/root"), Purpose.TOOL);

        assertThat(settings.process()).isEqualTo(ProcessSettings.defaults());
        assertThat(settings.accounts()).containsExactly(AccountSettings.defaults("bot", List.of()));
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void accountKeysComeFromTheFileThenTheEnvironmentThenDefaults() throws Exception {
        Path file = write(".env.bot1", "MESSAGES_PER_DAY=10", "MESSAGES_PER_HOUR=", "TIMEZONE=Europe/Moscow");
        Map<String, String> env = Map.of("MESSAGES_PER_DAY", "20", "MESSAGES_PER_HOUR", "3", "LLM_MODEL", "qwen2.5:7b");

        AccountSettings account = SettingsLoader.load(List.of(file), env, Purpose.TOOL).accounts().getFirst();

        assertThat(account.limits().messagesPerDay()).isEqualTo(10);
        assertThat(account.limits().messagesPerHour()).as("an empty value counts as not given").isEqualTo(3);
        assertThat(account.llm().model()).isEqualTo("qwen2.5:7b");
        assertThat(account.limits().timezone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(account.limits().minIntervalPerChat()).isEqualTo(Limits.defaults().minIntervalPerChat());
    }

    @Test
    void environmentKeysAreMatchedIgnoringCase() throws Exception {
        Settings settings = SettingsLoader.load(List.of(), Map.of("messages_per_day", "12", "http_port", "9000"), Purpose.TOOL);

        assertThat(settings.accounts().getFirst().limits().messagesPerDay()).isEqualTo(12);
        assertThat(settings.process().httpPort()).isEqualTo(9000);
    }

    @Test
    void processKeysComeFromTheEnvironmentThenTheFirstFileThatGivesThem() throws Exception {
        Path first = write(".env", "HTTP_PORT=8100", "DATA_DIR=/srv/data");
        Path second = write(".env.bot1", "HTTP_PORT=8100", "LOG_FORMAT=json");

        ProcessSettings process = SettingsLoader.load(List.of(first, second), Map.of("DATA_DIR", "/var/lib/m"), Purpose.TOOL)
                .process();

        assertThat(process.httpPort()).isEqualTo(8100);
        assertThat(process.dataDir()).isEqualTo(Path.of("/var/lib/m"));
        assertThat(process.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void twoFilesGivingAProcessKeyDifferentValuesIsAProblem() throws Exception {
        Path first = write(".env", "POSTGRES_DSN=postgresql://u:first-pw@db/a");
        Path second = write(".env.bot1", "", "POSTGRES_DSN=postgresql://u:second-pw@db/b");

        ConfigException e = failure(List.of(first, second), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(second + ":2");
            assertThat(p.key()).isEqualTo("POSTGRES_DSN");
            assertThat(p.value()).isEqualTo("postgresql://u:****@db/b");
            assertThat(p.expected()).contains(first + ":1").contains("one value for the whole process");
        });
    }

    @Test
    void processKeyFromTheEnvironmentSettlesFilesThatDisagree() throws Exception {
        Path first = write(".env", "HTTP_PORT=8001");
        Path second = write(".env.bot1", "HTTP_PORT=8002");

        Settings settings = SettingsLoader.load(List.of(first, second), Map.of("HTTP_PORT", "8000"), Purpose.TOOL);

        assertThat(settings.process().httpPort()).isEqualTo(8000);
    }

    @ParameterizedTest
    @CsvSource({".env, bot", ".env.bot3, bot3", ".env.bot_eu, bot_eu", "eu.env, eu", "alice, alice"})
    void accountNameComesFromTheFileName(String fileName, String name) throws Exception {
        Path file = write(fileName, "BOT_ENABLED=true");

        assertThat(SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst().name()).isEqualTo(name);
    }

    @Test
    void accountNameInTheFileWinsOverTheFileName() throws Exception {
        Path file = write(".env.bot3", "ACCOUNT_NAME=sales");

        assertThat(SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst().name()).isEqualTo("sales");
    }

    @Test
    void environmentAloneIsOneAccountNamedByAccountName() throws Exception {
        Settings settings = SettingsLoader.load(List.of(), Map.of("ACCOUNT_NAME", "solo"), Purpose.TOOL);

        assertThat(settings.accounts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("solo");
            assertThat(a.envFile()).isEmpty();
        });
    }

    @Test
    void twoAccountsWithOneNameAreAProblemAskingForAccountName() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path a = write("a/.env", "BOT_ENABLED=true");
        Path b = write("b/.env", "BOT_ENABLED=true");

        ConfigException e = failure(List.of(a, b), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(b.toString());
            assertThat(p.key()).isEqualTo("ACCOUNT_NAME");
            assertThat(p.value()).isEqualTo("bot");
            assertThat(p.expected()).contains(a.toString()).contains("set ACCOUNT_NAME");
        });
    }

    @Test
    void fileNameThatIsNoSafeNameNeedsAccountName() throws Exception {
        Path file = write("my bot.env", "BOT_ENABLED=true");

        ConfigException e = failure(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("ACCOUNT_NAME");
            assertThat(p.source()).isEqualTo(file.toString());
        });
    }

    @Test
    void serveNeedsTelegramCredentialsForEveryAccountButToolsDoNot() throws Exception {
        Path complete = write(".env", "TELEGRAM_API_ID=1", "TELEGRAM_API_HASH=h", "ALLOWLIST_CHAT_IDS=-1001");
        Path bare = write(".env.bot1", "ALLOWLIST_CHAT_IDS=-1002");

        ConfigException e = failure(List.of(complete, bare), Map.of(), Purpose.SERVE);

        assertThat(e.problems()).extracting(ConfigProblem::source, ConfigProblem::key).containsExactly(
                tuple(bare.toString(), "TELEGRAM_API_ID"),
                tuple(bare.toString(), "TELEGRAM_API_HASH"));
        assertThat(SettingsLoader.load(List.of(complete, bare), Map.of(), Purpose.TOOL).accounts()).hasSize(2);
    }

    @Test
    void credentialsSharedThroughTheEnvironmentServeEveryAccount() throws Exception {
        Path one = write(".env", "ALLOWLIST_CHAT_IDS=-1001");
        Path two = write(".env.bot1", "ALLOWLIST_CHAT_IDS=-1002");

        Settings settings = SettingsLoader.load(
                List.of(one, two), Map.of("TELEGRAM_API_ID", "42", "TELEGRAM_API_HASH", "abc"), Purpose.SERVE);

        assertThat(settings.accounts()).allSatisfy(a -> assertThat(a.apiId()).isEqualTo(OptionalInt.of(42)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://127.0.0.1:9400", "http://localhost:9400/", "http://[::1]:9400"})
    void aSandboxUrlOnThisMachineIsAccepted(String url) throws Exception {
        Path file = write(".env", "TELEGRAM_SANDBOX_URL=" + url);

        Settings settings = SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(settings.process().telegramSandboxUrl()).contains(java.net.URI.create(url));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            MESSAGES_PER_DAY                      | 0                | a whole number ≥ 1
            MESSAGES_PER_HOUR                     | lots             | a whole number ≥ 1
            MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS | -5               | a whole number ≥ 0
            FRESH_POST_MAX_AGE_MINUTES            | 1.5              | a whole number ≥ 1
            LLM_TEMPERATURE                       | 2.5              | a number from 0 to 2
            LLM_TOP_P                             | high             | a number from 0 to 1
            LLM_FREQUENCY_PENALTY                 | 3                | a number from -2 to 2
            LLM_MAX_LEN                           | 5000             | a whole number from 1 to 4096
            LLM_MIN_LEN                           | 0                | a whole number from 1 to 4096
            BOT_ENABLED                           | maybe            | true or false
            DRY_RUN                               | si               | true or false
            ALLOWLIST_CHAT_IDS                    | [-100..., -100...] | a list of chat ids
            ACTIVE_WINDOWS                        | 18-6             | hours 0-24, start < end
            TIMEZONE                              | Moscow           | a time zone
            OPENAI_BASE_URL                       | localhost:11434  | an http:// or https:// URL
            TG_PROXY_PORT                         | 70000            | a whole number from 1 to 65535
            HTTP_PORT                             | http             | a whole number from 1 to 65535
            POSTGRES_DSN                          | mysql://u@h/db   | a PostgreSQL URL
            REDIS_URL                             | memcached://h    | a redis:// or rediss:// URL
            LOG_FORMAT                            | yaml             | text or json
            ACCOUNT_NAME                          | ../etc           | 1-64 letters, digits, _ or -
            PROMPT_SYSTEM_FILE                    | /no/such/prompt  | a readable file
            LLM_MAX_CONCURRENCY                   | 0                | a whole number from 1 to 1000
            TELEGRAM_SANDBOX_URL                  | http://8.8.8.8:9400 | 8.8.8.8 is not a loopback address
            TELEGRAM_SANDBOX_URL                  | https://127.0.0.1:9400 | an http:// URL on this machine
            JOURNAL_RETENTION_DAYS                | 7                | a whole number ≥ 8
            LEASE_SECONDS                         | 29               | a whole number ≥ 30
            """)
    void badValueIsReportedWithItsKeyValueAndLine(String key, String value, String expected) throws Exception {
        Path file = write(".env", "# settings", key + "=" + value + " # as typed", "TG_PROXY_HOST=proxy.example.com",
                "TG_PROXY_PORT=1080");
        List<String> lines = Files.readAllLines(file);
        if (key.equals("TG_PROXY_PORT")) {
            Files.write(file, lines.subList(0, 3));
        }

        ConfigException e = failure(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file + ":2");
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.value()).isEqualTo(value);
            assertThat(p.expected()).contains(expected);
        });
        assertThat(e.getMessage()).contains(file + ":2: " + key + "=" + value + ": expected ");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() throws Exception {
        Path one = write(".env", "MESSAGES_PER_DAY=-1", "no equals sign here", "LLM_TOP_P=7");
        Path two = write(".env.bot1", "ACTIVE_WINDOWS=25-26", "BOT_ENABLED=perhaps");

        ConfigException e = failure(List.of(one, two), Map.of("HTTP_PORT", "0"), Purpose.SERVE);

        assertThat(e.problems()).extracting(ConfigProblem::source, ConfigProblem::key).containsExactlyInAnyOrder(
                tuple(one + ":2", ""),
                tuple("environment", "HTTP_PORT"),
                tuple(one + ":1", "MESSAGES_PER_DAY"),
                tuple(one + ":3", "LLM_TOP_P"),
                tuple(one.toString(), "TELEGRAM_API_ID"),
                tuple(one.toString(), "TELEGRAM_API_HASH"),
                tuple(two + ":1", "ACTIVE_WINDOWS"),
                tuple(two + ":2", "BOT_ENABLED"),
                tuple(two.toString(), "TELEGRAM_API_ID"),
                tuple(two.toString(), "TELEGRAM_API_HASH"));
        assertThat(e.getMessage()).startsWith("10 configuration problems:\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void spamblockMinimumAboveMaximumIsAProblem() throws Exception {
        Path file = write(".env", "SPAMBLOCK_MIN_COOLDOWN_SECONDS=7200", "SPAMBLOCK_MAX_COOLDOWN_SECONDS=3600");

        ConfigException e = failure(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("SPAMBLOCK_MIN_COOLDOWN_SECONDS");
            assertThat(p.expected()).isEqualTo("SPAMBLOCK_MIN_COOLDOWN_SECONDS (7200) ≤ SPAMBLOCK_MAX_COOLDOWN_SECONDS (3600)");
        });
    }

    @Test
    void llmMinimumLengthAboveMaximumIsReportedOnTheKeyThatWasGiven() throws Exception {
        Path file = write(".env", "LLM_MAX_LEN=20");

        ConfigException e = failure(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("LLM_MAX_LEN");
            assertThat(p.source()).isEqualTo(file + ":1");
            assertThat(p.expected()).isEqualTo("LLM_MIN_LEN (30) ≤ LLM_MAX_LEN (20)");
        });
    }

    @Test
    void aRuleAcrossKeysIsNotCheckedWhenOneOfThemIsAlreadyWrong() throws Exception {
        Path file = write(".env", "SPAMBLOCK_MIN_COOLDOWN_SECONDS=lots", "SPAMBLOCK_MAX_COOLDOWN_SECONDS=60");

        assertThat(failure(List.of(file), Map.of(), Purpose.TOOL).problems())
                .extracting(ConfigProblem::key).containsExactly("SPAMBLOCK_MIN_COOLDOWN_SECONDS");
    }

    @Test
    void proxyNeedsHostAndPortTogether() throws Exception {
        Path hostOnly = write(".env", "TG_PROXY_HOST=proxy.example.com");
        Path passOnly = write(".env.bot1", "TG_PROXY_PASS=secret-proxy-pass");

        ConfigException e = failure(List.of(hostOnly, passOnly), Map.of(), Purpose.TOOL);

        assertThat(e.problems()).extracting(ConfigProblem::source, ConfigProblem::key).containsExactly(
                tuple(hostOnly.toString(), "TG_PROXY_PORT"),
                tuple(passOnly.toString(), "TG_PROXY_HOST"));
    }

    @Test
    void proxyWithHostAndPortIsRead() throws Exception {
        Path file = write(".env", "TG_PROXY_HOST=proxy.example.com", "TG_PROXY_PORT=1080", "TG_PROXY_USER=u",
                "TG_PROXY_PASS=p");

        Optional<ProxySettings> proxy = SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst().proxy();

        assertThat(proxy).hasValue(new ProxySettings("proxy.example.com", 1080, Optional.of("u"), Secret.of("p")));
    }

    @Test
    void unknownKeysInFilesAreWarningsButUnknownEnvironmentVariablesAreIgnored() throws Exception {
        Path file = write(".env", "MESSAGES_PER_DAI=30", "COMMENT_STYLE=short");

        Settings settings = SettingsLoader.load(List.of(file), Map.of("SOME_TOOL_HOME", "/opt"), Purpose.TOOL);

        assertThat(settings.warnings()).containsExactly(
                file + ":1: unknown key MESSAGES_PER_DAI is ignored", file + ":2: unknown key COMMENT_STYLE is ignored");
    }

    @Test
    void keyThatIsNoNameIsAWarningThatDoesNotEchoIt() throws Exception {
        Path file = write(".env", "sk-live-0123456789abcdef", "MESSAGES_PER_DAY=30");

        Settings settings = SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL);

        assertThat(settings.warnings()).singleElement().satisfies(warning -> assertThat(warning)
                .startsWith(file + ":1: a line that names no setting is ignored").doesNotContain("0123456789abcdef"));
    }

    @Test
    void variablesExpandFromEarlierKeysAndTheEnvironmentAsPythonDotenvDoes() throws Exception {
        Path file = write(".env", "PG_HOST=db", "POSTGRES_DSN=postgresql+psycopg2://${PG_USER}:${PG_PASS}@${PG_HOST}:5432/app",
                "LLM_MODEL='${MODEL:-llama3.1:8b}'", "PERSONA=${PG_USER} from ${CITY:-Moscow}");

        Settings settings = SettingsLoader.load(
                List.of(file), Map.of("PG_USER", "app", "PG_PASS", "s3cret", "pg_host", "ignored: names match exactly"), Purpose.TOOL);

        assertThat(settings.process().postgres())
                .hasValue(new DatabaseDsn("jdbc:postgresql://db:5432/app", "app", Secret.of("s3cret")));
        assertThat(settings.accounts().getFirst().llm().model()).isEqualTo("llama3.1:8b");
        assertThat(settings.accounts().getFirst().persona()).hasValue("app from Moscow");
    }

    @Test
    void emptyAllowlistIsAWarningForServeOnly() throws Exception {
        Path file = write(".env", "TELEGRAM_API_ID=1", "TELEGRAM_API_HASH=h");

        assertThat(SettingsLoader.load(List.of(file), Map.of(), Purpose.SERVE).warnings())
                .containsExactly("Account bot has no ALLOWLIST_CHAT_IDS, so it will not comment anywhere.");
        assertThat(SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).warnings()).isEmpty();
    }

    @Test
    void skipKeywordsAreCommaSeparated() throws Exception {
        Path file = write(".env", "SKIP_KEYWORDS=casino, crypto, ставки");

        assertThat(SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst().skipKeywords())
                .containsExactly("casino", "crypto", "ставки");
    }

    @Test
    void discoversDotEnvThenEveryBotFileInNaturalOrder() throws Exception {
        for (String name : List.of(".env.bot10", ".env.bot2", ".env", ".env.example", ".env.bot1", ".env.bot1.bak", "notes.txt")) {
            write(name, "BOT_ENABLED=true");
        }

        assertThat(SettingsLoader.discoverEnvFiles(dir)).containsExactly(
                dir.resolve(".env"), dir.resolve(".env.bot1"), dir.resolve(".env.bot2"), dir.resolve(".env.bot10"));
    }

    @Test
    void givenFilesAreUsedInsteadOfDiscovery() throws Exception {
        write(".env", "BOT_ENABLED=true");
        Path chosen = write("chosen.env", "BOT_ENABLED=true");

        assertThat(SettingsLoader.resolveEnvFiles(List.of(chosen), dir)).containsExactly(chosen);
        assertThat(SettingsLoader.resolveEnvFiles(List.of(), dir)).containsExactly(dir.resolve(".env"));
    }
}
