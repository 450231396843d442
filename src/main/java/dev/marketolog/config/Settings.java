package dev.marketolog.config;

import java.util.List;

/** The whole validated configuration: process-wide keys, one entry per account, and the warnings loading produced. */
public record Settings(ProcessSettings process, List<AccountSettings> accounts, List<String> warnings) {
    public Settings {
        accounts = List.copyOf(accounts);
        warnings = List.copyOf(warnings);
    }
}
