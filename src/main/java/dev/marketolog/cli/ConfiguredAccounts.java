package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.engine.RunState;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.AccountSummary;
import dev.marketolog.web.AccountStatus;
import dev.marketolog.web.AccountStatusSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The accounts as configured, with the waits the database holds for them; nothing in this process runs them. */
final class ConfiguredAccounts implements AccountStatusSource {

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

    @Override
    public List<AccountStatus> accounts() {
        Map<String, AccountSummary> stored =
                repository.list().stream().collect(Collectors.toMap(AccountSummary::name, Function.identity()));
        return accounts.stream().map(account -> status(account, Optional.ofNullable(stored.get(account.name())))).toList();
    }

    private static AccountStatus status(AccountSettings account, Optional<AccountSummary> stored) {
        return new AccountStatus(
                account.name(),
                // the engine's words: nothing runs an enabled account in this process, and a disabled one is idle
                account.enabled() ? RunState.STOPPED : RunState.IDLE,
                account.limits().messagesPerDay(),
                stored.flatMap(AccountSummary::spamBlockUntil),
                stored.flatMap(AccountSummary::floodWaitUntil));
    }
}
