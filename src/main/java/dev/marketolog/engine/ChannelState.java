package dev.marketolog.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's state in one channel.
 *
 * @param bannedReason set = on the account's ban list until an operator clears it
 * @param holdUntil slow mode: no comment there before then
 */
public record ChannelState(Optional<String> bannedReason, Optional<Instant> holdUntil) {

    public static final ChannelState OPEN = new ChannelState(Optional.empty(), Optional.empty());

    public boolean banned() {
        return bannedReason.isPresent();
    }

    public boolean heldAt(Instant now) {
        return holdUntil.filter(now::isBefore).isPresent();
    }
}
