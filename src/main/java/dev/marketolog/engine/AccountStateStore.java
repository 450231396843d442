package dev.marketolog.engine;

import java.time.Instant;

/** Keeps each account's {@link AccountState}, so a spam block or a flood wait survives a restart. Thread-safe. */
public interface AccountStateStore {

    /** The account's state; {@link AccountState#FRESH} when none was saved. */
    AccountState load(String account);

    void save(String account, AccountState state, Instant at);
}
