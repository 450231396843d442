package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.telegram.tdlib.LoginPrompts;
import dev.marketolog.telegram.tdlib.TdJsonLibrary;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.telegram.tdlib.TdlibAccount;
import dev.marketolog.telegram.tdlib.TdlibParameters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marketolog login --env-file F [--qr] [--logout]}: logs an account into Telegram through TDLib, or out. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Interactive TDLib login of one account (phone, code, 2FA password, or a QR code); --logout ends its session.")
public final class LoginCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--env-file", required = true, description = "The account's .env file.")
    Path envFile;

    @Option(names = "--qr", description = "Log in by scanning a QR code with a phone where the account is logged in.")
    boolean qr;

    @Option(names = "--logout", description = "End the account's session (on Telegram's side too) instead of logging in.")
    boolean logout;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Optional<Settings> loaded =
                CommandSettings.load(List.of(envFile), Path.of(""), System.getenv(), Purpose.SERVE, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return CommandSettings.PROBLEMS;
        }
        Settings settings = loaded.get();
        AccountSettings account = settings.accounts().getFirst();
        TdRuntime runtime;
        try {
            runtime = TdRuntime.shared(settings.process().tdjsonPath());
        } catch (TdJsonLibrary.NotFound e) {
            System.err.println(e.getMessage());
            return 1;
        }
        Path dataDir = settings.process().dataDir();
        if (account.hasTelethonSession()) {
            out.println("TELEGRAM_SESSION_STRING is a Telethon session, which TDLib cannot use; it is ignored. Log in here once instead.");
        }
        return logout ? logOut(runtime, account, dataDir, out) : logIn(runtime, account, dataDir, out);
    }

    private int logIn(TdRuntime runtime, AccountSettings account, Path dataDir, PrintStream out) {
        var prompts = new TerminalLoginPrompts(qr, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.console(), out);
        try (TdlibAccount session = TdlibAccount.open(runtime, account, dataDir, prompts)) {
            session.whenReady().get();
            out.println("Account " + account.name() + " is logged in; its session is kept in "
                    + TdlibParameters.sessionDirectory(dataDir, account.name()));
            return 0;
        } catch (ExecutionException e) {
            System.err.println("Login of " + account.name() + " stopped: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int logOut(TdRuntime runtime, AccountSettings account, Path dataDir, PrintStream out) {
        TdlibAccount session = TdlibAccount.open(runtime, account, dataDir, LoginPrompts.NONE);
        try {
            session.whenReady().get();
        } catch (ExecutionException e) {
            String state = session.authorization();
            session.close();
            out.println("Account " + account.name() + " has no session to end (" + state + ").");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
            return 1;
        }
        session.logOut();
        out.println("Account " + account.name() + " is logged out; run login to use it again.");
        return 0;
    }
}
