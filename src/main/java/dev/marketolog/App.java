package dev.marketolog;

import dev.marketolog.cli.CheckConfigCommand;
import dev.marketolog.cli.DemoCommand;
import dev.marketolog.cli.DoctorCommand;
import dev.marketolog.cli.LoginCommand;
import dev.marketolog.cli.PolishCommand;
import dev.marketolog.cli.SandboxCommand;
import dev.marketolog.cli.ServeCommand;
import dev.marketolog.cli.SimulateCommand;
import dev.marketolog.cli.Version;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve} (the default), and the tools around it. */
@Command(
        name = "marketolog",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Runs Telegram accounts that leave short LLM-written comments in allowlisted channels.",
        subcommands = {
            ServeCommand.class,
            CheckConfigCommand.class,
            DoctorCommand.class,
            LoginCommand.class,
            PolishCommand.class,
            SimulateCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
        })
public final class App {

    /** The command that runs when the arguments name none: {@code marketolog --env-file F} is {@code marketolog serve --env-file F}. */
    static final String DEFAULT_COMMAND = "serve";

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new App());
        System.exit(commandLine.execute(withDefaultCommand(commandLine, args)));
    }

    /** {@code args} when they start with a command or an option of the root ({@code --help}), else serve's arguments. */
    static String[] withDefaultCommand(CommandLine commandLine, String[] args) {
        boolean explicit = args.length > 0
                && (commandLine.getSubcommands().containsKey(args[0])
                        || commandLine.getCommandSpec().findOption(args[0]) != null);
        return explicit ? args : Stream.concat(Stream.of(DEFAULT_COMMAND), Stream.of(args)).toArray(String[]::new);
    }
}
