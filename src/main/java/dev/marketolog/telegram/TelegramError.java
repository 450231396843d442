package dev.marketolog.telegram;

import java.time.Duration;

/** Telegram's refusals, as the engine needs to tell them apart. Adapters map their raw errors to these. */
public sealed interface TelegramError {

    /** Wait at least this long before the account sends anything (FLOOD_WAIT_X, or TDLib's 429 "retry after X"). */
    record FloodWait(Duration duration) implements TelegramError {}

    /** The discussion group's slow mode: hold this channel for this long. */
    record SlowMode(Duration duration) implements TelegramError {}

    /** PEER_FLOOD: the account is limited; a serious error. */
    record PeerFlood() implements TelegramError {}

    /** The channel or its discussion group is closed to this account (banned, no write access, private, join declined). */
    record ChannelClosed(String reason) implements TelegramError {}

    /** The post is gone or has no comments: skip it. */
    record PostGone(String reason) implements TelegramError {}

    /** The session is gone (logged out, revoked): the account stops and needs a login. */
    record SessionGone(String reason) implements TelegramError {}

    /** Anything else, with what Telegram said. */
    record Unknown(int code, String message) implements TelegramError {}
}
