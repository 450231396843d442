package dev.marketolog.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * python-dotenv's default interpolation ({@code dotenv_values(interpolate=True)}, which pydantic-settings uses):
 * {@code ${NAME}} and {@code ${NAME:-default}} in every value, quoted in either kind of quotes or not, become the value
 * of NAME among the keys earlier in the same file, else in the process environment, else the default, else empty.
 * Names match exactly (case counts); a name set to empty stays empty (the default is only for a missing name); the
 * default is taken as written; {@code $NAME} without braces and a lone {@code $} stay as they are.
 */
final class EnvInterpolation {
    /** python-dotenv's {@code _posix_variable}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?<name>[^}:]*)(?::-(?<default>[^}]*))?}");

    private EnvInterpolation() {}

    /** {@code file} with every value expanded against its earlier keys and {@code environment}. */
    static EnvFile expand(EnvFile file, Map<String, String> environment) {
        Map<String, String> known = new HashMap<>(environment);
        List<EnvEntry> expanded = new ArrayList<>();
        for (EnvEntry entry : file.entries()) {
            EnvEntry resolved = entry.withValue(expand(entry.value(), known));
            known.put(resolved.name(), resolved.value());
            expanded.add(resolved);
        }
        return new EnvFile(file.path(), expanded, file.problems());
    }

    private static String expand(String value, Map<String, String> known) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String fallback = variable.group("default") == null ? "" : variable.group("default");
            variable.appendReplacement(out, Matcher.quoteReplacement(known.getOrDefault(variable.group("name"), fallback)));
        }
        return variable.appendTail(out).toString();
    }
}
