package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.TelegramError;
import java.time.Duration;

/**
 * A {@link TelegramError} as the sandbox's JSON carries it.
 *
 * @param type flood_wait, slow_mode, peer_flood, channel_closed, post_gone, session_gone or unknown
 * @param reason what Telegram said, for the closed, gone and unknown kinds
 * @param seconds how long to wait, for flood_wait and slow_mode
 * @param code the error code, for unknown
 */
public record WireError(String type, String reason, Long seconds, Integer code) {

    public static WireError of(TelegramError error) {
        return switch (error) {
            case TelegramError.FloodWait(Duration d) -> new WireError("flood_wait", null, d.toSeconds(), null);
            case TelegramError.SlowMode(Duration d) -> new WireError("slow_mode", null, d.toSeconds(), null);
            case TelegramError.PeerFlood() -> new WireError("peer_flood", null, null, null);
            case TelegramError.ChannelClosed(String reason) -> new WireError("channel_closed", reason, null, null);
            case TelegramError.PostGone(String reason) -> new WireError("post_gone", reason, null, null);
            case TelegramError.SessionGone(String reason) -> new WireError("session_gone", reason, null, null);
            case TelegramError.Unknown(int code, String message) -> new WireError("unknown", message, null, code);
        };
    }

    /** The error this stands for; an unknown type is an {@link TelegramError.Unknown} naming it. */
    public TelegramError toError() {
        return switch (type) {
            case "flood_wait" -> new TelegramError.FloodWait(Duration.ofSeconds(seconds));
            case "slow_mode" -> new TelegramError.SlowMode(Duration.ofSeconds(seconds));
            case "peer_flood" -> new TelegramError.PeerFlood();
            case "channel_closed" -> new TelegramError.ChannelClosed(reason);
            case "post_gone" -> new TelegramError.PostGone(reason);
            case "session_gone" -> new TelegramError.SessionGone(reason);
            default -> new TelegramError.Unknown(code == null ? 0 : code, type + ": " + reason);
        };
    }
}
