package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleAccessTest {

    @TempDir
    Path dir;

    @Test
    void aRandomTokenOfTwentyFourCharactersOpensTheConsole() {
        assertThat(ConsoleAccess.of(Secret.of("3f9a0c7e1b5d4a2f8e6c0b9d"))).isInstanceOf(ConsoleAccess.Open.class);
        assertThat(ConsoleAccess.of(Secret.of("admin-token-5e7d9c1b3a2f4e6d")).isOpen())
                .as("placeholder words next to random ones are a token").isTrue();
    }

    @Test
    void noTokenTurnsTheConsoleOffSayingSo() {
        assertThat(ConsoleAccess.of(Secret.NONE)).isEqualTo(new ConsoleAccess.Off("ADMIN_TOKEN is not set"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"change-me", "3f9a0c7e1b5d4a2f8e6c0b9", "correct-horse-battery"})
    void aTokenShorterThanTwentyFourCharactersTurnsTheConsoleOff(String token) {
        assertThat(ConsoleAccess.of(Secret.of(token))).isInstanceOfSatisfying(ConsoleAccess.Off.class,
                off -> assertThat(off.reason()).contains("too short").doesNotContain(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"change-me-change-me-change-me", "CHANGEME_CHANGEME_CHANGEME", "your-admin-token-here-please",
        "secret-secret-secret-secret", "admin_password_admin_password", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void aPlaceholderOfExampleFilesTurnsTheConsoleOff(String token) {
        assertThat(ConsoleAccess.of(Secret.of(token))).isInstanceOfSatisfying(ConsoleAccess.Off.class,
                off -> assertThat(off.reason()).contains("placeholder").doesNotContain(token));
    }

    @Test
    void aTokenOfFewDifferentCharactersTurnsTheConsoleOff() {
        assertThat(ConsoleAccess.of(Secret.of("abababababababababababababab"))).isInstanceOfSatisfying(ConsoleAccess.Off.class,
                off -> assertThat(off.reason()).contains("too few characters"));
    }

    @Test
    void theSeedsExampleWithChangeMeLoadsWithAWarningThatTheConsoleIsOff() throws Exception {
        Path env = dir.resolve(".env");
        try (InputStream seed = getClass().getResourceAsStream("seed-example.env")) {
            Files.copy(seed, env);
        }

        Settings settings = SettingsLoader.load(List.of(env), Map.of(), Purpose.SERVE);

        assertThat(settings.process().consoleAccess().isOpen()).isFalse();
        assertThat(settings.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith(env + ":").contains("ADMIN_TOKEN is too short", "console (admin API and panel) is off")
                .doesNotContain("change-me"));
        assertThat(SettingsDescription.describe(settings)).contains("console (admin API and panel): off: ADMIN_TOKEN is too short");
    }

    @Test
    void noTokenIsNoWarningButTheDescriptionSaysTheConsoleIsOff() throws Exception {
        Settings settings = SettingsLoader.load(List.of(), Map.of(), Purpose.TOOL);

        assertThat(settings.warnings()).noneMatch(warning -> warning.contains("ADMIN_TOKEN"));
        assertThat(SettingsDescription.describe(settings)).contains("console (admin API and panel): off: ADMIN_TOKEN is not set");
    }

    @Test
    void httpPublicUrlIsAnHttpOrHttpsUrlWithAHost() throws Exception {
        Settings https = SettingsLoader.load(List.of(), Map.of("HTTP_PUBLIC_URL", "https://console.example.org/"), Purpose.TOOL);
        assertThat(https.process().httpPublicUrl()).hasValueSatisfying(url -> assertThat(url.getScheme()).isEqualTo("https"));

        ConfigException wrong = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(List.of(), Map.of("HTTP_PUBLIC_URL", "console.example.org"), Purpose.TOOL));
        assertThat(wrong.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("HTTP_PUBLIC_URL");
            assertThat(problem.expected()).contains("https://");
        });
    }
}
