package dev.marketolog.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed env file: its entries in file order and the problems of the statements that could not be read. */
record EnvFile(Path path, List<EnvEntry> entries, List<ConfigProblem> problems) {
    public EnvFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * The file as python-dotenv's {@code dotenv_values} returns it: a key given twice keeps its first place and its
     * last value.
     */
    Map<String, EnvEntry> asDict() {
        Map<String, EnvEntry> dict = new LinkedHashMap<>();
        entries.forEach(entry -> dict.put(entry.name(), entry));
        return dict;
    }

    /**
     * The entry for {@code key} (upper case) as pydantic-settings found it: it folded {@link #asDict()}'s keys to one
     * case in order, so of {@code a=1}, {@code A=2} the later spelling wins.
     */
    Optional<EnvEntry> find(String key) {
        return asDict().values().stream().filter(e -> e.key().equals(key)).reduce((first, second) -> second);
    }

    /** Where a line of this file is, as problems and warnings name it. */
    String where(int line) {
        return path + ":" + line;
    }
}
