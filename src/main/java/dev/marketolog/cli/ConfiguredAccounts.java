package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.store.AccountRepository;
import java.util.List;

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
        for (AccountSettings account : accounts) {
            repository.upsert(account.name());
            repository.syncAllowlist(account.name(), account.allowlist());
        }
    }
}
