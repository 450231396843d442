package dev.marketolog.engine;

/** Where an account's runner stands, as {@code /health} shows it. */
public enum RunState {
    /** BOT_ENABLED=false: loaded, never sends. */
    IDLE("idle"),
    /** Waiting for its lease and its channels. */
    STARTING("starting"),
    RUNNING("running"),
    /** An operator paused it in the console: its tasks halt, its state is kept, across restarts too. */
    PAUSED("paused"),
    /** Its TDLib session is missing or gone: {@code marketolog login} must run. */
    NEEDS_LOGIN("needs login"),
    /** Another process holds its lease. */
    RUNNING_ELSEWHERE("running elsewhere"),
    STOPPED("stopped");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    /** The words {@code /health} prints. */
    public String label() {
        return label;
    }
}
