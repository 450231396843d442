package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random configurations and random days of posts and Telegram answers on a virtual clock, across daylight-saving
 * changes: whatever happens, no limit is ever exceeded, nothing is sent outside the allowlist, and no post gets two
 * comments from one account.
 */
class EngineProperties {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
    /** Days around the daylight-saving changes of 2026 in Europe and North America. */
    private static final List<LocalDate> STARTS = List.of(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 31));
    private static final Duration RUN = Duration.ofDays(3);
    private static final List<Long> CHANNELS = List.of(-1001L, -1002L, -1003L, -1004L);
    private static final long NOT_ALLOWED = -1999L;

    private record Config(Limits limits, FleetRules fleet, int accounts, ZoneId zone, Instant start) {}

    @Property(tries = 60)
    void noLimitIsEverExceededAndNoPostIsCommentedTwice(
            @ForAll @IntRange(min = 1, max = 40) int perDay,
            @ForAll @IntRange(min = 1, max = 12) int perHour,
            @ForAll @IntRange(min = 0, max = 900) int minIntervalSeconds,
            @ForAll @IntRange(min = 0, max = 3600) int perChatSeconds,
            @ForAll @IntRange(min = 1, max = 3) int instantPerChatPerHour,
            @ForAll @IntRange(min = 0, max = 23) int windowStart,
            @ForAll @IntRange(min = 1, max = 24) int windowLength,
            @ForAll @IntRange(min = 0, max = 600) int instantDelaySeconds,
            @ForAll @IntRange(min = 1, max = 3) int accounts,
            @ForAll @IntRange(min = 1, max = 2) int maxAccountsPerPost,
            @ForAll @IntRange(min = 0, max = 900) int fleetGapSeconds,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Instant start = STARTS.get(random.nextInt(STARTS.size())).atStartOfDay(zone).toInstant();
        Limits limits = new Limits(ActiveWindows.of(new HourWindow(windowStart, Math.min(24, windowStart + windowLength))), zone,
                perDay, perHour, Duration.ofSeconds(minIntervalSeconds), Duration.ofSeconds(perChatSeconds), instantPerChatPerHour,
                Duration.ofMinutes(30 + random.nextInt(1411)), Duration.ofSeconds(instantDelaySeconds));
        Config config = new Config(limits, new FleetRules(maxAccountsPerPost, Duration.ofSeconds(fleetGapSeconds)), accounts, zone, start);

        Run run = new Run(config, random);
        run.go();
        int sent = run.telegrams.stream().mapToInt(t -> t.comments().size()).sum();
        Statistics.collect(sent == 0 ? "no comment" : "comments");
        Statistics.coverage(coverage -> coverage.check("comments").percentage(p -> p > 60));

        for (String account : run.names) {
            List<JournalEntry> rows = run.stores.journal().history(account, start.minus(Duration.ofDays(1)));
            assertWithinLimits(config, rows);
            assertPausesKept(run.events, account, rows);
        }
        assertAllowlistAndOneCommentPerPost(run);
        assertFleetRules(config, run);
    }

    private static void assertWithinLimits(Config config, List<JournalEntry> rows) {
        Limits limits = config.limits();
        ActiveTime activeTime = new ActiveTime(limits.activeWindows(), limits.timezone());
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JournalEntry row = rows.get(i);
            assertThat(activeTime.isActive(row.at())).as("inside the active windows: %s", row).isTrue();
            perDay.merge(row.at().atZone(config.zone()).toLocalDate(), 1, Integer::sum);
            assertThat(countWithinHour(rows, row.at(), e -> true)).as("rolling hour from %s", row.at()).isLessThanOrEqualTo(limits.messagesPerHour());
            assertThat(countWithinHour(rows, row.at(), e -> e.branch() == Branch.INSTANT && e.channelId() == row.channelId()))
                    .as("instant comments in %s in the hour from %s", row.channelId(), row.at())
                    .isLessThanOrEqualTo(limits.maxInstantPerChatPerHour());
            if (i > 0) {
                assertThat(Duration.between(rows.get(i - 1).at(), row.at())).isGreaterThanOrEqualTo(limits.minIntervalBetweenMessages());
            }
            rows.subList(0, i).stream().filter(e -> e.channelId() == row.channelId()).reduce((a, b) -> b).ifPresent(previous ->
                    assertThat(Duration.between(previous.at(), row.at())).as("per channel").isGreaterThanOrEqualTo(limits.minIntervalPerChat()));
        }
        assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(limits.messagesPerDay()));
    }

    private static long countWithinHour(List<JournalEntry> rows, Instant from, Predicate<JournalEntry> which) {
        Instant end = from.plus(Duration.ofHours(1));
        return rows.stream().filter(which).filter(e -> !e.at().isBefore(from) && e.at().isBefore(end)).count();
    }

    private static void assertPausesKept(List<EngineEvent> events, String account, List<JournalEntry> rows) {
        for (EngineEvent event : events) {
            if (!event.account().equals(account)) {
                continue;
            }
            Duration pause = switch (event) {
                case EngineEvent.FloodWait wait -> wait.duration();
                case EngineEvent.SpamBlockStarted block -> block.duration();
                default -> Duration.ZERO;
            };
            Instant end = event.at().plus(pause);
            assertThat(rows).as("nothing during the pause after %s", event)
                    .noneMatch(e -> e.at().isAfter(event.at()) && e.at().isBefore(end));
        }
    }

    private static void assertAllowlistAndOneCommentPerPost(Run run) {
        for (int i = 0; i < run.names.size(); i++) {
            List<ScriptedTelegram.Comment> comments = run.telegrams.get(i).comments();
            assertThat(comments).extracting(c -> c.post().channelId()).allMatch(CHANNELS::contains);
            assertThat(comments).extracting(ScriptedTelegram.Comment::post).doesNotHaveDuplicates();
        }
    }

    private static void assertFleetRules(Config config, Run run) {
        Map<PostKey, Set<String>> accountsUnder = new HashMap<>();
        List<ScriptedTelegram.Comment> all = new ArrayList<>();
        Map<ScriptedTelegram.Comment, String> author = new HashMap<>();
        for (int i = 0; i < run.names.size(); i++) {
            for (ScriptedTelegram.Comment c : run.telegrams.get(i).comments()) {
                accountsUnder.computeIfAbsent(c.post(), p -> new HashSet<>()).add(run.names.get(i));
                all.add(c);
                author.put(c, run.names.get(i));
            }
        }
        assertThat(accountsUnder.values()).allSatisfy(a -> assertThat(a.size()).isLessThanOrEqualTo(config.fleet().maxAccountsPerPost()));
        for (ScriptedTelegram.Comment a : all) {
            for (ScriptedTelegram.Comment b : all) {
                if (a.post().channelId() == b.post().channelId() && !author.get(a).equals(author.get(b))) {
                    assertThat(Duration.between(a.at(), b.at()).abs()).isGreaterThanOrEqualTo(config.fleet().minGap());
                }
            }
        }
    }

    /** One random run: accounts on overlapping allowlists, posts at random times, Telegram answering at random. */
    private static final class Run {
        final EngineStores stores;
        final List<EngineEvent> events = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<ScriptedTelegram> telegrams = new ArrayList<>();
        private final Config config;
        private final SplittableRandom random;
        private final VirtualClock clock;

        Run(Config config, SplittableRandom random) {
            this.config = config;
            this.random = random;
            this.clock = new VirtualClock(config.start());
            this.stores = InMemoryStores.create(clock);
        }

        void go() {
            Fleet fleet = new Fleet(clock, stores, config.fleet(), random.split(), events::add);
            for (int i = 0; i < config.accounts(); i++) {
                List<Long> allowlist = CHANNELS.subList(0, 1 + random.nextInt(CHANNELS.size()));
                String name = "bot" + i;
                AccountSettings settings = TestAccounts.with(TestAccounts.account(name, allowlist), config.limits());
                ScriptedTelegram telegram = new ScriptedTelegram(clock, CHANNELS);
                SplittableRandom answers = random.split();
                telegram.answerWith(post -> answer(answers));
                SplittableRandom declines = random.split();
                fleet.add(settings, telegram, request -> declines.nextInt(10) == 0
                        ? new WriteResult.Declined(List.of("skip"), 1)
                        : new WriteResult.Written("comment " + request.post().messageId(), 1));
                names.add(name);
                telegrams.add(telegram);
            }
            schedulePosts();
            fleet.start();
            clock.runUntil(config.start().plus(RUN));
        }

        private void schedulePosts() {
            long id = 1;
            for (long channel : CHANNELS) {
                int posts = random.nextInt(5, 60);
                for (int p = 0; p < posts; p++) {
                    Instant at = config.start().plusSeconds(random.nextLong(RUN.toSeconds()));
                    long messageId = id++;
                    clock.schedule(at, () -> telegrams.forEach(t -> t.publish(channel, messageId, random.nextInt(20) == 0 ? "" : "post")));
                }
            }
            // a channel off every allowlist that posts too: nothing may ever go there
            clock.schedule(config.start().plus(Duration.ofHours(12)), () -> telegrams.forEach(t -> t.listener().newPost(
                    new Post(NOT_ALLOWED, 1, clock.instant(), "post"))));
        }

        private static Optional<SendResult> answer(SplittableRandom random) {
            int roll = random.nextInt(100);
            TelegramError error;
            if (roll < 78) {
                return Optional.empty();
            } else if (roll < 83) {
                error = new TelegramError.FloodWait(Duration.ofSeconds(random.nextInt(10, 1200)));
            } else if (roll < 86) {
                error = new TelegramError.PeerFlood();
            } else if (roll < 89) {
                error = new TelegramError.SlowMode(Duration.ofSeconds(random.nextInt(60, 3600)));
            } else if (roll < 91) {
                error = new TelegramError.ChannelClosed("CHAT_WRITE_FORBIDDEN");
            } else if (roll < 94) {
                error = new TelegramError.PostGone("Message not found");
            } else if (roll < 96) {
                return Optional.of(new SendResult.Failed(new TelegramError.Unknown(400, "something"), random.nextBoolean()));
            } else {
                return Optional.of(new SendResult.Unknown("timed out"));
            }
            return Optional.of(new SendResult.Failed(error, true));
        }
    }
}
