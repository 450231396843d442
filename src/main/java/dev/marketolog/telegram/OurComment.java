package dev.marketolog.telegram;

/**
 * One of our sent comments as the journal knows it: the post it is under and where it stands in the discussion group.
 */
public record OurComment(PostKey post, long discussionChatId, long messageId) {}
