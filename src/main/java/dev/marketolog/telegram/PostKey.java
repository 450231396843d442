package dev.marketolog.telegram;

/** Identifies a post: the channel and the channel message id. */
public record PostKey(long channelId, long messageId) {

    // Written out: the generated ones go through method handles that a short run (simulate) mostly executes before
    // they are compiled, and every tick looks each of its channels' fresh posts up in hash sets.
    @Override
    public boolean equals(Object other) {
        return other instanceof PostKey key && key.channelId == channelId && key.messageId == messageId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(channelId * 31 + messageId);
    }
}
