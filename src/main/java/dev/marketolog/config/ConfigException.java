package dev.marketolog.config;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; carries every problem found, in every file, at once. */
public final class ConfigException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** @param problems at least one */
    public ConfigException(List<ConfigProblem> problems) {
        super(summary(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the files and keys were read. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String summary(List<ConfigProblem> problems) {
        String heading = problems.size() == 1 ? "1 configuration problem:" : problems.size() + " configuration problems:";
        return problems.stream().map(p -> "  " + p.describe()).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
