package dev.marketolog.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One parsed env file: its entries in file order and the problems of the lines that could not be read.
 * A key given twice keeps its last value, as python-dotenv does.
 */
record EnvFile(Path path, List<EnvEntry> entries, List<ConfigProblem> problems) {
    public EnvFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** The last entry for {@code key} (keys are upper-cased when read). */
    Optional<EnvEntry> find(String key) {
        return entries.reversed().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** Where a line of this file is, as problems and warnings name it. */
    String where(int line) {
        return path + ":" + line;
    }
}
