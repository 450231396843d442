package dev.marketolog.cli;

import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --env-file} option of the commands that take every configured account, as a picocli mixin. */
final class AccountEnvFiles {

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "An account's .env file; repeat for more accounts. Default: .env and every .env.bot* in the working directory.")
    private List<Path> files = new ArrayList<>();

    /** The settings of the given files, or of those in {@code workingDir}; empty after every problem is printed on {@code err}. */
    Optional<Settings> load(Path workingDir, Map<String, String> environment, Purpose purpose, PrintWriter err) {
        return CommandSettings.load(files, workingDir, environment, purpose, err);
    }

    /** The settings of the given files, or of those in {@code workingDir}. */
    Settings loadOrThrow(Path workingDir, Map<String, String> environment, Purpose purpose) throws ConfigException {
        return CommandSettings.loadOrThrow(files, workingDir, environment, purpose);
    }
}
