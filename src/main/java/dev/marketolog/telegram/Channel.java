package dev.marketolog.telegram;

import java.time.Duration;
import java.util.Optional;

/**
 * What an account can see of an allowlisted channel once it has been prepared.
 *
 * @param channelId the channel's chat id
 * @param title its title, for the prompt
 * @param discussionChatId the linked discussion group, empty when comments are off
 * @param slowModeDelay the discussion group's slow-mode delay, zero when none
 * @param problem why the account cannot comment there, empty when it can
 */
public record Channel(long channelId, String title, Optional<Long> discussionChatId, Duration slowModeDelay, Optional<TelegramError> problem) {
    public boolean usable() {
        return problem.isEmpty() && discussionChatId.isPresent();
    }
}
