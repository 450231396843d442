package dev.marketolog;

import dev.marketolog.cli.CheckConfigCommand;
import dev.marketolog.cli.DoctorCommand;
import dev.marketolog.cli.LoginCommand;
import dev.marketolog.cli.PolishCommand;
import dev.marketolog.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve} (the default), and the tools around it. */
@Command(
        name = "marketolog",
        mixinStandardHelpOptions = true,
        description = "Runs Telegram accounts that leave short LLM-written comments in allowlisted channels.",
        subcommands = {
            // each command is added here by the issue that builds it
            CheckConfigCommand.class,
            DoctorCommand.class,
            LoginCommand.class,
            PolishCommand.class,
            SimulateCommand.class,
        })
public final class App {

    public static void main(String[] args) {
        System.exit(new CommandLine(new App()).execute(args));
    }
}
