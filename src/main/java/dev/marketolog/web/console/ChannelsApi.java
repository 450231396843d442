package dev.marketolog.web.console;

import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.ChannelAnalytics.ChannelActivity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/channels?days=14}: per channel of ours, its title (as an account last saw it), the posts our
 * accounts saw there per day, our comments per day, the reactions and replies they received (as last read back), how
 * many of them were deleted, and when each account last commented there. Each answer aggregates weeks of journal, so
 * it is kept per {@code days} and may be up to a minute old ({@link RecentValues}).
 */
public final class ChannelsApi {

    private static final int DEFAULT_DAYS = 14;
    private static final int MAX_DAYS = 90;

    private final Supplier<ConsoleServices> services;
    private final InstantSource clock;
    private final RecentValues<Integer, List<ChannelJson>> recent = new RecentValues<>("the channels' analytics", this::analytics);

    ChannelsApi(Supplier<ConsoleServices> services, InstantSource clock) {
        this.services = services;
        this.clock = clock;
    }

    void addTo(RoutesConfig routes) {
        routes.get(AdminApi.PREFIX + "/channels", this::channels);
    }

    record DayJson(LocalDate day, int comments) {}

    record PostsDayJson(LocalDate day, int posts) {}

    record LastJson(String account, Instant at) {}

    /** @param commentsRead how many of the comments were read back at least once: the reactions and replies are theirs */
    record ChannelJson(long channelId, String title, List<PostsDayJson> postsSeenPerDay, int postsSeen, List<DayJson> commentsPerDay,
            int comments, int deleted, int commentsRead, int reactions, int replies, List<LastJson> lastCommentByAccount) {}

    private void channels(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        int days = params.parsed("days", "a whole number from 1 to " + MAX_DAYS, raw -> {
            int value = Integer.parseInt(raw);
            if (value < 1 || value > MAX_DAYS) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        }).orElse(DEFAULT_DAYS);
        params.done();
        ctx.json(Map.of("days", days, "channels", recent.get(days)));
    }

    private List<ChannelJson> analytics(int days) {
        ConsoleServices started = services.get();
        Map<Long, String> titles = titles(started.accounts().accounts());
        return started.channels().since(clock.instant().minus(Duration.ofDays(days))).stream()
                .map(channel -> json(channel, titles.get(channel.channelId())))
                .toList();
    }

    private static ChannelJson json(ChannelActivity channel, String title) {
        return new ChannelJson(channel.channelId(), title,
                channel.postsSeenPerDay().stream().map(d -> new PostsDayJson(d.day(), d.count())).toList(), channel.postsSeen(),
                channel.commentsPerDay().stream().map(d -> new DayJson(d.day(), d.count())).toList(), channel.comments(),
                channel.deleted(), channel.feedback().read(), channel.feedback().reactions(), channel.feedback().replies(),
                channel.lastByAccount().stream().map(l -> new LastJson(l.account(), l.at())).toList());
    }

    /** Each channel's title as some account last saw it (the API's and the panel's channel lists). */
    public static Map<Long, String> titles(List<AccountDetail> accounts) {
        Map<Long, String> titles = new HashMap<>();
        accounts.forEach(account -> account.channels().forEach(channel ->
                channel.title().ifPresent(title -> titles.putIfAbsent(channel.channelId(), title))));
        return titles;
    }
}
