package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's values are read by the .env reader itself, on top of the account's files. */
class ConsoleOverridesTest {

    @TempDir
    Path dir;

    private AccountSettings fromFile(String... lines) throws Exception {
        Path file = Files.write(dir.resolve(".env.bot"), List.of(lines));
        return SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst();
    }

    @Test
    void aBadValueGetsTheSameWordsAsInAnEnvFileWithTheConsoleAsItsSource() throws Exception {
        Path file = Files.write(dir.resolve(".env.bad"), List.of("MESSAGES_PER_HOUR=lots"));
        ConfigProblem inFile = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL)).problems().getFirst();

        ConfigProblem inConsole = catchThrowableOfType(ConfigException.class,
                () -> ConsoleOverrides.apply(fromFile("MESSAGES_PER_DAY=40"), Map.of("MESSAGES_PER_HOUR", "lots"))).problems().getFirst();

        assertThat(inConsole).isEqualTo(new ConfigProblem("console", "MESSAGES_PER_HOUR", "lots", inFile.expected()));
    }

    @Test
    void theFilesValuesStandWhereTheConsoleGivesNoneAndAnEmptyValueIsTheDefault() throws Exception {
        AccountSettings base = fromFile("ACCOUNT_NAME=sales", "MESSAGES_PER_DAY=12", "MESSAGES_PER_HOUR=3",
                "PERSONA=a calm engineer", "SPAMBLOCK_ERROR_THRESHOLD=7");

        AccountSettings merged = ConsoleOverrides.apply(base,
                Map.of("MESSAGES_PER_HOUR", "2", "PERSONA", "", "MIN_INTERVAL_PER_CHAT_SECONDS", "60"));

        assertThat(merged.name()).isEqualTo("sales");
        assertThat(merged.limits().messagesPerDay()).isEqualTo(12);
        assertThat(merged.limits().messagesPerHour()).isEqualTo(2);
        assertThat(merged.limits().minIntervalPerChat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(merged.persona()).isEmpty();
        assertThat(merged.spamGuard().errorThreshold()).isEqualTo(7);
        assertThat(ConsoleOverrides.apply(base, Map.of())).isEqualTo(base);
    }

    @Test
    void shownSettingsLeaveSecretsOutAndNameWhereEachValueComesFrom() throws Exception {
        AccountSettings base = fromFile("TELEGRAM_API_HASH=0123456789abcdef", "MESSAGES_PER_DAY=12");

        List<ConsoleOverrides.ShownSetting> shown = ConsoleOverrides.shown(base,
                Map.of(SettingKey.MESSAGES_PER_DAY, ".env.bot:2"), Set.of(SettingKey.DRY_RUN));

        assertThat(shown).extracting(ConsoleOverrides.ShownSetting::key)
                .doesNotContain(SettingKey.TELEGRAM_API_HASH, SettingKey.OPENAI_API_KEY, SettingKey.TG_PROXY_PASS);
        assertThat(shown).filteredOn(s -> s.key() == SettingKey.MESSAGES_PER_DAY).singleElement()
                .isEqualTo(new ConsoleOverrides.ShownSetting(SettingKey.MESSAGES_PER_DAY, "12", ".env.bot:2", true));
        assertThat(shown).filteredOn(s -> s.key() == SettingKey.DRY_RUN).singleElement()
                .satisfies(s -> assertThat(s.origin()).isEqualTo("console"));
        assertThat(shown).filteredOn(s -> s.key() == SettingKey.LLM_MODEL).singleElement()
                .satisfies(s -> {
                    assertThat(s.origin()).isEmpty();
                    assertThat(s.changeable()).isFalse();
                });
    }
}
