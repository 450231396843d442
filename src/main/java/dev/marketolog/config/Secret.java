package dev.marketolog.config;

/** A value that must never be printed: {@link #toString()} masks it, {@link #reveal()} hands it to the one place that needs it. */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");
    /**
     * The shortest start of the value that {@link #hideIn} masks: servers echo a key cut short ("sk-OPENAIsec..."),
     * and six characters are already more than a key's common prefix ("sk-", "sk-or-") yet rarely found by chance.
     */
    static final int ECHOED_PREFIX_CHARS = 6;

    public Secret {
        value = value == null ? "" : value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    /** What logs, check-config and /health show instead of the value. */
    public String masked() {
        return value.isEmpty() ? "" : "****";
    }

    /**
     * {@code text} with this value masked wherever it appears whole or cut short: any run that is a start of the
     * value, at least {@value #ECHOED_PREFIX_CHARS} characters long (the whole value when it is shorter), becomes
     * {@code ****}. For text from outside (an LLM server's error) that may echo the value back.
     */
    public String hideIn(String text) {
        if (value.isEmpty() || text.isEmpty()) {
            return text;
        }
        String start = value.substring(0, Math.min(ECHOED_PREFIX_CHARS, value.length()));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int found = text.indexOf(start); found >= 0; found = text.indexOf(start, copied)) {
            int end = found + start.length();
            while (end < text.length() && end - found < value.length() && text.charAt(end) == value.charAt(end - found)) {
                end++;
            }
            out.append(text, copied, found).append(masked());
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    @Override
    public String toString() {
        return masked();
    }
}
