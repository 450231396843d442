package dev.marketolog.web.console;

import dev.marketolog.engine.JournalSearch.JournalRow;
import java.time.Instant;

/** One journal row as the API shows it; the text is a JSON string whatever it holds (escaping for HTML is the panel's). */
record JournalRowJson(
        long id,
        Instant at,
        String account,
        long channelId,
        long postId,
        String branch,
        String status,
        String text,
        String link,
        String error,
        Long discussionChatId,
        Long messageId,
        Instant deletedAt) {

    static JournalRowJson of(JournalRow row) {
        return new JournalRowJson(row.id(), row.at(), row.account(), row.channelId(), row.postId(), row.branch().code(),
                row.status().code(), row.text().orElse(null), row.link().orElse(null), row.error().orElse(null),
                row.discussionChatId().orElse(null), row.messageId().orElse(null), row.deletedAt().orElse(null));
    }
}
