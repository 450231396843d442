package dev.marketolog.web.console;

import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.ChannelStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account as the API shows it.
 *
 * @param state       the run state in words ("running", "paused", "needs login", ...)
 * @param nextLook    when the scheduler next looks for a post, while the account runs here
 * @param channels    every allowlisted channel with its state: open, banned (with the reason), slow mode (until),
 *                    unusable (no discussion group, or why not), unchecked (not prepared in this process)
 */
record AccountJson(
        String name,
        String state,
        boolean dryRun,
        int sentToday,
        int dailyLimit,
        Instant nextLook,
        Instant spamBlockUntil,
        Instant floodWaitUntil,
        List<Channel> channels,
        long failures) {

    record Channel(long channelId, String title, String state, String reason, Instant until) {
        static Channel of(ChannelStatus status) {
            return new Channel(status.channelId(), status.title().orElse(null), status.condition().label(),
                    status.reason().orElse(null), status.until().orElse(null));
        }
    }

    /**
     * An account in the list: the same without its channels, which are counted by state instead ({@code {"open": 14,
     * "banned": 1, ...}}), so the list of a thousand accounts stays small; the account's own route lists them.
     */
    record Summary(
            String name,
            String state,
            boolean dryRun,
            int sentToday,
            int dailyLimit,
            Instant nextLook,
            Instant spamBlockUntil,
            Instant floodWaitUntil,
            Map<String, Long> channels,
            long failures) {

        private static final ChannelStatus.Condition[] CONDITIONS = ChannelStatus.Condition.values();
        private static final List<String> KEYS = Arrays.stream(CONDITIONS).map(c -> c.label().replace(' ', '_')).toList();

        static Summary of(AccountDetail account) {
            // one pass over the channels: the list of a thousand accounts counts fifteen thousand of them
            long[] byCondition = new long[CONDITIONS.length];
            account.channels().forEach(channel -> byCondition[channel.condition().ordinal()]++);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < CONDITIONS.length; i++) {
                counts.put(KEYS.get(i), byCondition[i]);
            }
            return new Summary(account.name(), account.state().label(), account.dryRun(), account.sentToday(),
                    account.dailyLimit(), account.nextLook().orElse(null), account.spamBlockUntil().orElse(null),
                    account.floodWaitUntil().orElse(null), counts, account.failures());
        }
    }

    static AccountJson of(AccountDetail account) {
        return new AccountJson(account.name(), account.state().label(), account.dryRun(), account.sentToday(),
                account.dailyLimit(), account.nextLook().orElse(null), account.spamBlockUntil().orElse(null),
                account.floodWaitUntil().orElse(null), account.channels().stream().map(Channel::of).toList(),
                account.failures());
    }
}
