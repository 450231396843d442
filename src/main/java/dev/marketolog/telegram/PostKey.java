package dev.marketolog.telegram;

/** Identifies a post: the channel and the channel message id. */
public record PostKey(long channelId, long messageId) {}
