package dev.marketolog.engine;

import java.time.Instant;

/**
 * State that a send's result changes besides its journal row: the journal writes it in the row's own transaction, so a
 * crash can never keep the row and lose the flood wait, ban or spam-guard step it caused.
 */
public sealed interface StateChange {

    /** The account's spam-guard state becomes {@code state}. */
    record Account(AccountState state) implements StateChange {}

    /** The channel goes on the account's ban list. */
    record Ban(long channelId, String reason) implements StateChange {}

    /** Slow mode: the account does not comment in the channel before {@code until}. */
    record Hold(long channelId, Instant until) implements StateChange {}
}
