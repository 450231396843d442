package dev.marketolog.config;

/** A value that must never be printed: {@link #toString()} masks it, {@link #reveal()} hands it to the one place that needs it. */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

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

    @Override
    public String toString() {
        return masked();
    }
}
