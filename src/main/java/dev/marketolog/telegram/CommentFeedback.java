package dev.marketolog.telegram;

/**
 * What became of one of our comments when it was read.
 *
 * @param reactions the reactions it has received, all kinds summed (TDLib's {@code interaction_info.reactions})
 * @param replies   the messages in its thread that reply to it ({@code reply_info} does not count replies to comments)
 */
public record CommentFeedback(int reactions, int replies) {

    public CommentFeedback {
        if (reactions < 0 || replies < 0) {
            throw new IllegalArgumentException("feedback counts are never negative, got " + reactions + ", " + replies);
        }
    }
}
