package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.Channel;
import java.time.Duration;
import java.util.Optional;

/** A {@link Channel} as the sandbox's JSON carries it; {@code discussionChatId} and {@code problem} may be null. */
public record WireChannel(long channelId, String title, Long discussionChatId, long slowModeSeconds, WireError problem) {

    public static WireChannel of(Channel channel) {
        return new WireChannel(channel.channelId(), channel.title(), channel.discussionChatId().orElse(null),
                channel.slowModeDelay().toSeconds(), channel.problem().map(WireError::of).orElse(null));
    }

    public Channel toChannel() {
        return new Channel(channelId, title == null ? "" : title, Optional.ofNullable(discussionChatId),
                Duration.ofSeconds(slowModeSeconds), Optional.ofNullable(problem).map(WireError::toError));
    }
}
