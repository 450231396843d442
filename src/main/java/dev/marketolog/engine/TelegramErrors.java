package dev.marketolog.engine;

import dev.marketolog.telegram.TelegramError;

/** Snake_case names of Telegram's refusals, for metrics and events. */
final class TelegramErrors {

    /** A send whose outcome could not be told. */
    static final String SEND_UNKNOWN = "send_unknown";

    private TelegramErrors() {}

    static String type(TelegramError error) {
        return switch (error) {
            case TelegramError.FloodWait f -> "flood_wait";
            case TelegramError.SlowMode s -> "slow_mode";
            case TelegramError.PeerFlood p -> "peer_flood";
            case TelegramError.ChannelClosed c -> "channel_closed";
            case TelegramError.PostGone g -> "post_gone";
            case TelegramError.SessionGone s -> "session_gone";
            case TelegramError.Unknown u -> "unknown_error";
        };
    }
}
