package dev.marketolog.config;

import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration: process-wide keys, one entry per account, and the warnings loading produced.
 *
 * @param origins by account name, where each key the files or the environment gave comes from ({@code file:line} or
 *                {@code environment}); a key not in it has its default
 */
public record Settings(
        ProcessSettings process, List<AccountSettings> accounts, List<String> warnings, Map<String, Map<SettingKey, String>> origins) {
    public Settings {
        accounts = List.copyOf(accounts);
        warnings = List.copyOf(warnings);
        origins = Map.copyOf(origins);
    }

    /** Settings made in code (tests, tools): every value counts as a default. */
    public Settings(ProcessSettings process, List<AccountSettings> accounts, List<String> warnings) {
        this(process, accounts, warnings, Map.of());
    }

    /** Where the account's keys come from; empty for an account of settings made in code. */
    public Map<SettingKey, String> origins(String account) {
        return origins.getOrDefault(account, Map.of());
    }
}
