package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Settings;
import dev.marketolog.store.JdbcAccountControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings {@code serve} runs on: the files' and environment's, with the console's stored overrides on top. */
final class OverriddenSettings {

    private static final Logger log = LoggerFactory.getLogger(OverriddenSettings.class);

    private OverriddenSettings() {}

    static Settings apply(Settings settings, JdbcAccountControl control) {
        List<AccountSettings> accounts = new ArrayList<>();
        for (AccountSettings account : settings.accounts()) {
            accounts.add(overridden(account, control));
        }
        return new Settings(settings.process(), accounts, settings.warnings(), settings.origins());
    }

    private static AccountSettings overridden(AccountSettings account, JdbcAccountControl control) {
        Map<String, String> overrides = control.overrides(account.name());
        if (overrides.isEmpty()) {
            return account;
        }
        try {
            AccountSettings overridden = control.withOverrides(account.name());
            log.info("account {}: the console's values of {} apply on top of its files", account.name(),
                    String.join(", ", overrides.keySet().stream().sorted().toList()));
            return overridden;
        } catch (ConfigException e) {
            // they were valid when stored: the files changed since; the operator resets them in the console
            log.error("account {}: its console overrides no longer fit its files, it runs on the files alone: {}",
                    account.name(), e.getMessage());
            return account;
        }
    }
}
