package dev.marketolog.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code KEY=value} of an env file: the key as written, the value unquoted and unescaped (empty for a key with no
 * {@code =}), and the line the statement starts on.
 */
record EnvEntry(String name, String value, int line) {
    private static final Pattern NAME_SHAPED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Whether {@code name} looks like a setting's name. Anything else is never echoed in a message: python-dotenv
     * takes any word for a key, and a pasted token or password may be all there is on its line.
     */
    static boolean nameShaped(String name) {
        return NAME_SHAPED.matcher(name).matches();
    }

    /** The key as settings are matched: upper case, since pydantic-settings matched names ignoring case. */
    String key() {
        return name.toUpperCase(Locale.ROOT);
    }

    EnvEntry withValue(String newValue) {
        return new EnvEntry(name, newValue, line);
    }
}
