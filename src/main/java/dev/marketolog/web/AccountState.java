package dev.marketolog.web;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an account stands, as {@code /health} shows it. */
public enum AccountState {
    /** Configured and enabled; nothing is running it. */
    IDLE("idle"),
    /** BOT_ENABLED=false. */
    DISABLED("disabled");

    private final String label;

    AccountState(String label) {
        this.label = label;
    }

    /** The word {@code /health} prints. */
    @JsonValue
    public String label() {
        return label;
    }
}
