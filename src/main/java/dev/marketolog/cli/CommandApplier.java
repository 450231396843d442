package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ConfigException;
import dev.marketolog.engine.OperatorCommand;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.CommandFeed;
import dev.marketolog.store.JdbcAccountControl;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each operator's command the {@link CommandFeed} brings to this process's runner of the account; the runner
 * applies it under its lock, and the process holding the account's lease records it applied. New settings are read
 * again from the files and the stored overrides, so every process runs the account on the same ones.
 */
final class CommandApplier implements Consumer<CommandFeed.Command> {

    private static final Logger log = LoggerFactory.getLogger(CommandApplier.class);

    private final EngineService engine;
    private final JdbcAccountControl control;
    private final AccountRepository accounts;
    private final CommandFeed feed;

    CommandApplier(EngineService engine, JdbcAccountControl control, AccountRepository accounts, CommandFeed feed) {
        this.engine = engine;
        this.control = control;
        this.accounts = accounts;
        this.feed = feed;
    }

    @Override
    public void accept(CommandFeed.Command command) {
        Runnable applied = () -> feed.applied(command.id());
        switch (command.command()) {
            case "pause" -> engine.control(command.account(), new OperatorCommand.Pause(), applied);
            case "resume" -> engine.control(command.account(), new OperatorCommand.Resume(), applied);
            case "lift-spam-block" -> engine.control(command.account(), new OperatorCommand.LiftSpamBlock(), applied);
            case "clear-ban" -> engine.control(command.account(), new OperatorCommand.ClearBan(Long.parseLong(command.args())), applied);
            case "settings" -> reconfigure(command.account(), applied);
            default -> log.warn("operator command {} is unknown to this version: {}", command.id(), command.command());
        }
    }

    private void reconfigure(String account, Runnable applied) {
        if (!control.configures(account)) {
            return;
        }
        AccountSettings settings;
        try {
            settings = control.withOverrides(account);
        } catch (ConfigException e) {
            log.error("account {}: its console overrides no longer fit its files, it keeps its settings: {}", account, e.getMessage());
            return;
        }
        // the channels' table follows the allowlist the account runs on (the console's pages list it)
        accounts.syncAllowlist(account, settings.allowlist());
        engine.reconfigure(settings, control.paused(account), applied);
    }
}
