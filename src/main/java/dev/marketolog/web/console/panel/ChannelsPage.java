package dev.marketolog.web.console.panel;

import dev.marketolog.engine.ChannelAnalytics;
import dev.marketolog.engine.ChannelAnalytics.ChannelActivity;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The channels page: per channel we commented in or saw posts in over the last {@link #DAYS} days, the posts seen and
 * our comments per day, what our comments received, and who commented last.
 *
 * @param days the days shown, oldest first
 */
public record ChannelsPage(List<LocalDate> days, List<Row> channels, String csrf) {

    static final int DAYS = 14;

    /** One channel: its title as an account last saw it (empty when none has), and its activity. */
    public record Row(Optional<String> title, ChannelActivity activity) {

        /** Our comments there on {@code day}. */
        public int commentsOn(LocalDate day) {
            return on(activity.commentsPerDay(), day);
        }

        /** The posts seen there published on {@code day}. */
        public int postsOn(LocalDate day) {
            return on(activity.postsSeenPerDay(), day);
        }

        private static int on(List<ChannelAnalytics.DayCount> perDay, LocalDate day) {
            return perDay.stream().filter(count -> count.day().equals(day)).mapToInt(ChannelAnalytics.DayCount::count).sum();
        }
    }

    public ChannelsPage {
        days = List.copyOf(days);
        channels = List.copyOf(channels);
    }
}
