package dev.marketolog.engine;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an account stands in one allowlisted channel, as the console shows it.
 *
 * @param reason why it is banned or cannot be used, when it is
 * @param until  the end of a slow-mode hold
 */
public record ChannelStatus(long channelId, Optional<String> title, Condition condition, Optional<String> reason,
        Optional<Instant> until) {

    public ChannelStatus {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(until, "until");
    }

    /** The channel's condition, most serious first: a ban outlasts everything else. */
    public enum Condition {
        /** On the account's ban list until an operator clears it. */
        BANNED,
        /** Slow mode: no comment before {@link ChannelStatus#until()}. */
        SLOW_MODE,
        /** The account cannot comment there (no discussion group, a Telegram error when preparing it). */
        UNUSABLE,
        /** Not prepared yet (the account has not started, or runs in another process). */
        UNCHECKED,
        OPEN;

        /** The word the API and the panel show. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    static ChannelStatus of(long channelId, Optional<ChannelView> view, ChannelState state, Instant now) {
        Optional<String> title = view.flatMap(ChannelView::title);
        if (state.banned()) {
            return new ChannelStatus(channelId, title, Condition.BANNED, state.bannedReason(), Optional.empty());
        }
        if (state.heldAt(now)) {
            return new ChannelStatus(channelId, title, Condition.SLOW_MODE, Optional.empty(), state.holdUntil());
        }
        if (view.isEmpty()) {
            return new ChannelStatus(channelId, title, Condition.UNCHECKED, Optional.empty(), Optional.empty());
        }
        return view.get().problem()
                .map(problem -> new ChannelStatus(channelId, title, Condition.UNUSABLE, Optional.of(problem), Optional.<Instant>empty()))
                .orElseGet(() -> new ChannelStatus(channelId, title, Condition.OPEN, Optional.empty(), Optional.empty()));
    }
}
