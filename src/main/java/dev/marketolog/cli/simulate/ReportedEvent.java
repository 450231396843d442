package dev.marketolog.cli.simulate;

import dev.marketolog.engine.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An engine event as the simulate report lists it.
 *
 * @param type one of {@code flood_wait, peer_flood, spamblock_start, spamblock_end, channel_banned, slow_mode, post_gone}
 * @param chatId the allowlisted channel it concerns, when it concerns one
 * @param duration how long it lasts, when it has a length
 */
record ReportedEvent(String account, Instant at, String type, OptionalLong chatId, Optional<Duration> duration) {

    /** The event as the report lists it, or empty for events the report only counts (comments, skips, failures). */
    static Optional<ReportedEvent> of(EngineEvent event) {
        return Optional.ofNullable(switch (event) {
            case EngineEvent.FloodWait e -> inChannel(e, "flood_wait", e.channelId(), Optional.of(e.duration()));
            case EngineEvent.PeerFlood e -> inChannel(e, "peer_flood", e.channelId(), Optional.empty());
            case EngineEvent.SpamBlockStarted e ->
                    new ReportedEvent(e.account(), e.at(), "spamblock_start", OptionalLong.empty(), Optional.of(e.duration()));
            case EngineEvent.SpamBlockEnded e ->
                    new ReportedEvent(e.account(), e.at(), "spamblock_end", OptionalLong.empty(), Optional.empty());
            case EngineEvent.ChannelBanned e -> inChannel(e, "channel_banned", e.channelId(), Optional.empty());
            case EngineEvent.SlowMode e -> inChannel(e, "slow_mode", e.channelId(), Optional.of(e.duration()));
            case EngineEvent.PostGone e -> inChannel(e, "post_gone", e.post().channelId(), Optional.empty());
            case EngineEvent.CommentSent _, EngineEvent.SessionGone _, EngineEvent.Skipped _, EngineEvent.SendFailed _,
                    EngineEvent.AccountFailed _ -> null;
        });
    }

    private static ReportedEvent inChannel(EngineEvent event, String type, long chatId, Optional<Duration> duration) {
        return new ReportedEvent(event.account(), event.at(), type, OptionalLong.of(chatId), duration);
    }
}
