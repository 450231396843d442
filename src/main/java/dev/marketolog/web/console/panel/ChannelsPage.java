package dev.marketolog.web.console.panel;

import dev.marketolog.engine.ChannelAnalytics;
import dev.marketolog.engine.ChannelAnalytics.ChannelActivity;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The channels page: per channel we commented in over the last {@link #DAYS} days, what the journal tells.
 *
 * @param days the days shown, oldest first
 */
public record ChannelsPage(List<LocalDate> days, List<Row> channels, String csrf) {

    static final int DAYS = 14;

    /** One channel: its title as an account last saw it (empty when none has), and its activity. */
    public record Row(Optional<String> title, ChannelActivity activity) {

        /** Our comments there on {@code day}. */
        public int commentsOn(LocalDate day) {
            return activity.commentsPerDay().stream().filter(count -> count.day().equals(day))
                    .mapToInt(ChannelAnalytics.DayCount::comments).sum();
        }

        /** Our comments there over the days shown. */
        public int comments() {
            return activity.commentsPerDay().stream().mapToInt(ChannelAnalytics.DayCount::comments).sum();
        }
    }

    public ChannelsPage {
        days = List.copyOf(days);
        channels = List.copyOf(channels);
    }
}
