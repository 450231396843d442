package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.store.AccountRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The accounts as configured, made known to the database before the engine runs them. */
final class ConfiguredAccounts {

    private final List<AccountSettings> accounts;
    private final AccountRepository repository;

    ConfiguredAccounts(List<AccountSettings> accounts, AccountRepository repository) {
        this.accounts = List.copyOf(accounts);
        this.repository = repository;
    }

    /** Makes the database know every configured account and its allowlist, keeping the state it has for them. */
    void register() {
        Map<String, List<Long>> allowlists = new LinkedHashMap<>();
        accounts.forEach(account -> allowlists.put(account.name(), account.allowlist()));
        repository.register(allowlists);
    }
}
