package dev.marketolog.config;

/**
 * One wrong setting: where it came from, the key, the value as given (secrets already masked) and what was expected.
 *
 * @param source "{@code file:line}", a file, or {@code environment}
 * @param key    the setting's name, or empty when the problem is not about one key (an unreadable file, a bad line)
 * @param value  the value as given with secrets masked; empty when the key is missing
 */
public record ConfigProblem(String source, String key, String value, String expected) {
    public ConfigProblem {
        if (source == null || key == null || value == null || expected == null) {
            throw new IllegalArgumentException("every part of a problem is needed (use \"\" for none)");
        }
    }

    /** One line an operator can act on, e.g. {@code .env.bot2:7: MESSAGES_PER_DAY=lots: expected a whole number ≥ 1}. */
    public String describe() {
        String subject = key.isEmpty() ? "" : value.isEmpty() ? key + ": " : key + "=" + value + ": ";
        return source + ": " + subject + "expected " + expected;
    }

    @Override
    public String toString() {
        return describe();
    }
}
