package dev.marketolog.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * What an account found when it prepared one allowlisted channel (at its start, and whenever it prepares again).
 *
 * @param title the channel's title, empty when it could not be read
 * @param problem why the account cannot comment there (no discussion group, a Telegram error), empty when it can
 */
public record ChannelView(long channelId, Optional<String> title, Optional<String> problem) {
    public ChannelView {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(problem, "problem");
    }
}
