package dev.marketolog.cli.sandbox;

import java.time.Instant;

/**
 * A comment the sandbox world accepted, as its record shows it.
 *
 * @param instance the {@code serve} instance that sent it, as its request said
 */
public record ReceivedComment(String account, long channelId, long postId, long discussionChatId, long messageId, Instant at,
        String text, String instance) {}
