package dev.marketolog.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.ConfigProblem;
import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.SettingKey;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code check-config --json} prints: one object with the process settings and each account's, every value as
 * the text report shows it (secrets masked), or the problems. Values are strings so that a secret is never given a
 * type its mask could not keep.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CheckConfigJson(
        boolean ok,
        Map<SettingKey, String> process,
        Console console,
        List<Account> accounts,
        List<String> warnings,
        @JsonProperty("console_overrides") String consoleOverrides,
        List<ConfigProblem> problems) {

    /** check-config reads the files and the environment only; serve lays the console's stored values on top. */
    static final String CONSOLE_OVERRIDES = "the values shown come from the files and the environment only: values an operator"
            + " set in the console (stored in PostgreSQL) may apply on top of them in serve";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One account: its name, the file it comes from ({@code null}: the environment alone) and its settings. */
    record Account(String name, @JsonProperty("env_file") String envFile, Map<SettingKey, String> settings) {}

    /** Whether the console (admin API and panel) is on, and when it is off, why ({@code null} when on). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Console(boolean enabled, String reason) {
        static Console of(ConsoleAccess access) {
            return new Console(access.isOpen(), access instanceof ConsoleAccess.Off off ? off.reason() : null);
        }
    }

    static CheckConfigJson of(Settings settings) {
        List<Account> accounts = settings.accounts().stream()
                .map(account -> new Account(account.name(), account.envFile().map(Path::toString).orElse(null),
                        SettingsDescription.accountValues(account)))
                .toList();
        return new CheckConfigJson(true, SettingsDescription.processValues(settings.process()),
                Console.of(settings.process().consoleAccess()), accounts, settings.warnings(), CONSOLE_OVERRIDES, null);
    }

    static CheckConfigJson of(List<ConfigProblem> problems) {
        return new CheckConfigJson(false, null, null, null, null, null, problems);
    }

    String render() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists always serialise", e);
        }
    }
}
