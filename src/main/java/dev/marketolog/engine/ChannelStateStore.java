package dev.marketolog.engine;

import java.time.Instant;
import java.util.Map;

/** Keeps each account's ban list and slow-mode holds. Thread-safe. */
public interface ChannelStateStore {

    /** The account's channels that are banned or were held, by channel id; channels not in it are open. */
    Map<Long, ChannelState> load(String account);

    /** Puts the channel on the account's ban list. */
    void ban(String account, long channelId, String reason, Instant at);

    /** An operator took the channel off the account's ban list. */
    void clearBan(String account, long channelId);

    /** Slow mode: the account does not comment in the channel before {@code until}. */
    void hold(String account, long channelId, Instant until);
}
