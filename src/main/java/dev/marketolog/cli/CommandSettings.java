package dev.marketolog.cli;

import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The start the commands share: the settings from their env files, or every problem printed for the operator. */
final class CommandSettings {

    /** The exit code of every command whose settings have problems. */
    static final int PROBLEMS = 2;

    private CommandSettings() {}

    /**
     * The settings of {@code envFiles} (as {@code --env-file} gave them, or those found in {@code workingDir} when none
     * was), or empty after every problem has been printed on {@code err}.
     */
    static Optional<Settings> load(List<Path> envFiles, Path workingDir, Map<String, String> environment, Purpose purpose,
            PrintWriter err) {
        try {
            return Optional.of(loadOrThrow(envFiles, workingDir, environment, purpose));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /**
     * The settings of {@code envFiles}, or of those found in {@code workingDir} when none was given; from here on the
     * command logs in their LOG_FORMAT.
     */
    static Settings loadOrThrow(List<Path> envFiles, Path workingDir, Map<String, String> environment, Purpose purpose)
            throws ConfigException {
        Settings settings = SettingsLoader.load(SettingsLoader.resolveEnvFiles(envFiles, workingDir), environment, purpose);
        LogOutput.apply(settings.process().logFormat());
        return settings;
    }
}
