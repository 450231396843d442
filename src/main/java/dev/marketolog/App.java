package dev.marketolog;

import dev.marketolog.cli.CheckConfigCommand;
import dev.marketolog.cli.DemoCommand;
import dev.marketolog.cli.DoctorCommand;
import dev.marketolog.cli.LoginCommand;
import dev.marketolog.cli.PolishCommand;
import dev.marketolog.cli.SandboxCommand;
import dev.marketolog.cli.ServeCommand;
import dev.marketolog.cli.ServeSignal;
import dev.marketolog.cli.SimulateCommand;
import dev.marketolog.cli.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

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
            HelpCommand.class,
        })
public final class App {

    /** The command that runs when the arguments name none: {@code marketolog --env-file F} is {@code marketolog serve --env-file F}. */
    static final String DEFAULT_COMMAND = ServeCommand.NAME;

    /** The help section that lists every command's options under the list of commands. */
    private static final String COMMAND_OPTIONS_SECTION = "commandOptions";

    public static void main(String[] args) {
        if (ServeSignal.runsServe(args)) {
            ServeSignal.install(); // before picocli and the logging load: a SIGTERM from here on ends serve with 0
        }
        CommandLine commandLine = commandLine();
        System.exit(commandLine.execute(withDefaultCommand(commandLine, args)));
    }

    /** The whole command line; {@code --help} shows every command with its options, {@code help COMMAND} one of them. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new App());
        // Java cannot tell whether standard error alone is a terminal, and picocli's guess coloured errors written to
        // a file or a pipe with raw ANSI escapes: plain text everywhere
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.getHelpSectionMap().put(COMMAND_OPTIONS_SECTION, App::commandOptions);
        List<String> sections = new ArrayList<>(commandLine.getHelpSectionKeys());
        sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), COMMAND_OPTIONS_SECTION);
        commandLine.setHelpSectionKeys(sections);
        return commandLine;
    }

    private static String commandOptions(CommandLine.Help help) {
        StringBuilder out = new StringBuilder(System.lineSeparator())
                .append("Options of each command (`marketolog help COMMAND` shows one):").append(System.lineSeparator());
        help.subcommands().forEach((name, sub) -> {
            if (!(sub.commandSpec().userObject() instanceof HelpCommand)) {
                out.append(System.lineSeparator()).append(sub.synopsis(0)).append(sub.optionList());
            }
        });
        return out.toString();
    }

    /** {@code args} when they start with a command or an option of the root ({@code --help}), else serve's arguments. */
    static String[] withDefaultCommand(CommandLine commandLine, String[] args) {
        boolean explicit = args.length > 0
                && (commandLine.getSubcommands().containsKey(args[0])
                        || commandLine.getCommandSpec().findOption(args[0]) != null);
        return explicit ? args : Stream.concat(Stream.of(DEFAULT_COMMAND), Stream.of(args)).toArray(String[]::new);
    }
}
