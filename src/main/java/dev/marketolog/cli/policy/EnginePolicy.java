package dev.marketolog.cli.policy;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.engine.AccountPolicy;
import dev.marketolog.engine.FleetRules;

/** The engine's part of the configuration, taken out here so that the credentials next to it never reach the engine. */
public final class EnginePolicy {

    private EnginePolicy() {}

    public static AccountPolicy of(AccountSettings account) {
        return new AccountPolicy(account.name(), account.enabled(), account.dryRun(), account.allowlist(), account.skipKeywords(),
                account.limits(), account.spamGuard(), account.selfDeletedLimit(), account.review());
    }

    /** FLEET_MAX_ACCOUNTS_PER_POST and FLEET_MIN_GAP_SECONDS. */
    public static FleetRules fleetRules(ProcessSettings process) {
        return new FleetRules(process.fleetMaxAccountsPerPost(), process.fleetMinGap());
    }
}
