package dev.marketolog.cli;

import dev.marketolog.cli.text.Counts;
import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsDescription;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marketolog check-config}: loads the settings as {@code serve} would and prints them masked, or every problem. */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Validates the settings as serve loads them and prints each account's resolved settings with secrets masked.",
            "Connects to nothing. Exit 0 when the settings are usable, 2 with every problem listed.",
            "With --json, standard output is one JSON object (secrets masked), for scripts and tools."
        })
public final class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    private AccountEnvFiles envFiles;

    @Option(names = "--json", description = "Print one JSON object: the process settings, each account's settings and the warnings, or the problems.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final Path workingDir;
    private final Map<String, String> environment;

    /** Reads the process environment and looks for env files in the working directory. */
    public CheckConfigCommand() {
        this(Path.of(""), System.getenv());
    }

    CheckConfigCommand(Path workingDir, Map<String, String> environment) {
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        return json ? printJson() : printText();
    }

    private int printText() {
        Optional<Settings> loaded =
                envFiles.load(workingDir, environment, Purpose.SERVE, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return CommandSettings.PROBLEMS;
        }
        Settings settings = loaded.get();
        PrintWriter out = spec.commandLine().getOut();
        out.print(SettingsDescription.describe(settings));
        out.println("OK: " + Counts.of(settings.accounts().size(), "account") + " ready for serve.");
        out.println("Note: " + CheckConfigJson.CONSOLE_OVERRIDES + ".");
        out.flush();
        return 0;
    }

    /** Standard output carries exactly one object, whether the settings are usable or not. */
    private int printJson() {
        CheckConfigJson report;
        try {
            report = CheckConfigJson.of(envFiles.loadOrThrow(workingDir, environment, Purpose.SERVE));
        } catch (ConfigException e) {
            report = CheckConfigJson.of(e.problems());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.render());
        out.flush();
        return report.ok() ? 0 : CommandSettings.PROBLEMS;
    }
}
