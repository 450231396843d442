package dev.marketolog.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the journal tells about each channel: our comments per day, how many of them others deleted, and when each
 * account last commented there. Implementations are thread-safe.
 */
public interface ChannelAnalytics {

    /** Every channel with a comment of ours (sent or dry run) at or after {@code since}, by channel id. */
    List<ChannelActivity> since(Instant since);

    /**
     * @param commentsPerDay our comments per UTC day, oldest first, days without one left out
     * @param deleted        how many of those comments someone deleted
     * @param lastByAccount  each account's last comment there, newest first
     */
    record ChannelActivity(long channelId, List<DayCount> commentsPerDay, int deleted, List<LastComment> lastByAccount) {
        public ChannelActivity {
            commentsPerDay = List.copyOf(commentsPerDay);
            lastByAccount = List.copyOf(lastByAccount);
        }
    }

    record DayCount(LocalDate day, int comments) {
        public DayCount {
            Objects.requireNonNull(day, "day");
        }
    }

    record LastComment(String account, Instant at) {
        public LastComment {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(at, "at");
        }
    }
}
