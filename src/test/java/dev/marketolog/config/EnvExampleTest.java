package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** The commented {@code .env.example} at the project root, as the Python version had one. */
class EnvExampleTest {
    private static final Path EXAMPLE = Path.of(".env.example");

    @Test
    void namesEverySettingOnce() {
        EnvFile file = EnvFileParser.parse(EXAMPLE);

        assertThat(file.problems()).isEmpty();
        assertThat(file.entries()).extracting(EnvEntry::key)
                .containsExactlyInAnyOrder(Arrays.stream(SettingKey.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void loadsForServeWithoutAProblemOrAWarning() throws ConfigException {
        Settings settings = SettingsLoader.load(List.of(EXAMPLE), Map.of(), Purpose.SERVE);

        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.accounts()).singleElement().satisfies(account -> assertThat(account.name()).isEqualTo("example"));
    }

    @Test
    void givesEveryKeyItsDefaultButTheCredentialsAndTheAllowlist() throws ConfigException {
        Settings settings = SettingsLoader.load(List.of(EXAMPLE), Map.of(), Purpose.SERVE);
        AccountSettings example = settings.accounts().getFirst();

        SequencedMap<SettingKey, String> values = SettingsDescription.accountValues(example);
        SequencedMap<SettingKey, String> defaults = SettingsDescription.accountValues(AccountSettings.defaults("example", example.allowlist()));
        EnumSet.of(SettingKey.TELEGRAM_API_ID, SettingKey.TELEGRAM_API_HASH).forEach(key -> {
            values.remove(key);
            defaults.remove(key);
        });
        assertThat(values).isEqualTo(defaults);
        assertThat(SettingsDescription.processValues(settings.process()))
                .isEqualTo(SettingsDescription.processValues(ProcessSettings.defaults()));
    }
}
