package dev.marketolog.engine;

/** Which branch of the engine decided to comment: the day's scheduler, or the reaction to a new post. */
public enum Branch {
    SCHEDULER,
    INSTANT;

    // once: a simulation's report asks for it for every comment
    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    /** The name used in the journal, the JSON of simulate and the metrics. */
    public String code() {
        return code;
    }
}
