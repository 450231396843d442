package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal as operators read it: every row, filtered, newest first, a page at a time (keyset pagination on the
 * row's time and id, so a page costs the same at the end of a year as at its start) or all at once for an export.
 * Implementations are thread-safe.
 */
public interface JournalSearch {

    /** At most {@code query.limit()} rows after the cursor, newest first, and the cursor of the next page. */
    JournalPage page(JournalQuery query);

    /** Every row the filter matches, newest first, handed to {@code sink} as they are read (never all in memory). */
    void export(Filter filter, Consumer<JournalRow> sink);

    /**
     * Which rows: each given part must match. {@code from} is inclusive, {@code to} exclusive; both compare with the
     * row's time ({@link JournalRow#at()}).
     */
    record Filter(Optional<String> account, Optional<Long> channelId, Optional<CommentStatus> status,
            Optional<Branch> branch, Optional<Instant> from, Optional<Instant> to) {

        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public Filter {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Where a page ends: the last row's time and id; the next page holds only rows before it. */
    record Cursor(Instant at, long id) {
        public Cursor {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A page of rows matching {@code filter}, older than {@code after} when given. */
    record JournalQuery(Filter filter, Optional<Cursor> after, int limit) {
        public static final int MAX_LIMIT = 500;

        public JournalQuery {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(after, "after");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("a journal page holds 1-" + MAX_LIMIT + " rows, not " + limit);
            }
        }
    }

    /** @param next the cursor of the next (older) page, empty on the last page */
    record JournalPage(List<JournalRow> rows, Optional<Cursor> next) {
        public JournalPage {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One journal row.
     *
     * @param at          when it counts: sent, else reserved
     * @param link        the comment's link in Telegram, once it was sent and Telegram gave one
     * @param error       why it failed or is unknown
     */
    record JournalRow(
            long id,
            Instant at,
            String account,
            long channelId,
            long postId,
            Branch branch,
            CommentStatus status,
            Optional<String> text,
            Optional<String> link,
            Optional<String> error,
            Optional<Long> discussionChatId,
            Optional<Long> messageId,
            Optional<Instant> deletedAt) {}
}
