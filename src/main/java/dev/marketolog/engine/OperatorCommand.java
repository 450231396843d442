package dev.marketolog.engine;

/**
 * What an operator asked of an account (through {@link AccountControl}), as the {@link Fleet} hands it to the account's
 * runner. Pausing, resuming and new settings change every process's view of the account; lifting a spam block and
 * clearing a ban change its state, so only the process holding the account's lease applies them.
 */
public sealed interface OperatorCommand {

    /** Halt the account's tasks, keeping its state and its lease. */
    record Pause() implements OperatorCommand {}

    record Resume() implements OperatorCommand {}

    /** End the spam block now and forget the streak of serious errors. */
    record LiftSpamBlock() implements OperatorCommand {}

    /** Take the channel off the ban list and open it again. */
    record ClearBan(long channelId) implements OperatorCommand {}

    /** Run on these settings, and have comments written by this writer (PERSONA may have changed), from now on. */
    record Reconfigure(AccountPolicy policy, CommentWriter writer) implements OperatorCommand {}
}
