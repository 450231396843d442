package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.PostKey;
import java.time.Instant;

/**
 * A comment the simulated Telegram accepted.
 *
 * @param account the account that sent it
 * @param post the channel post it is under
 * @param at when it landed
 * @param text what it says
 * @param discussionChatId the discussion group it is in
 * @param messageId its message id in the discussion group
 */
public record SentComment(String account, PostKey post, Instant at, String text, long discussionChatId, long messageId) {}
