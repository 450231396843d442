package dev.marketolog.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What is known of each channel: the posts our accounts saw there per day, our comments per day, the reactions and
 * replies they received (as last read back), how many of them others deleted, and when each account last commented
 * there. Implementations are thread-safe.
 */
public interface ChannelAnalytics {

    /**
     * Every channel with a comment of ours (sent or dry run) at or after {@code since}, or a post seen published at or
     * after it, by channel id.
     */
    List<ChannelActivity> since(Instant since);

    /**
     * @param postsSeenPerDay the posts our accounts saw there per UTC day of publication, oldest first, days without one left out
     * @param commentsPerDay  our comments per UTC day, oldest first, days without one left out
     * @param deleted         how many of those comments someone deleted
     * @param feedback        what those comments received, as last read back
     * @param lastByAccount   each account's last comment there, newest first
     */
    record ChannelActivity(long channelId, List<DayCount> postsSeenPerDay, List<DayCount> commentsPerDay, int deleted,
            Feedback feedback, List<LastComment> lastByAccount) {
        public ChannelActivity {
            postsSeenPerDay = List.copyOf(postsSeenPerDay);
            commentsPerDay = List.copyOf(commentsPerDay);
            Objects.requireNonNull(feedback, "feedback");
            lastByAccount = List.copyOf(lastByAccount);
        }

        public int postsSeen() {
            return postsSeenPerDay.stream().mapToInt(DayCount::count).sum();
        }

        public int comments() {
            return commentsPerDay.stream().mapToInt(DayCount::count).sum();
        }
    }

    record DayCount(LocalDate day, int count) {
        public DayCount {
            Objects.requireNonNull(day, "day");
        }
    }

    /**
     * @param read      how many of the comments were read back at least once (the others count nothing yet)
     * @param reactions the reactions they received, summed
     * @param replies   the replies to them, summed
     */
    record Feedback(int read, int reactions, int replies) {
        public static final Feedback NONE = new Feedback(0, 0, 0);
    }

    record LastComment(String account, Instant at) {
        public LastComment {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(at, "at");
        }
    }
}
