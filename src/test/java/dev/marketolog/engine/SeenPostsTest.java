package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.store.memory.InMemorySeenPostStore;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The posts the fleet's accounts see are recorded once per process, in one write per fetch that brought new ones. */
class SeenPostsTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;

    private final VirtualClock clock = new VirtualClock(START);
    private final InMemorySeenPostStore seen = new InMemorySeenPostStore();
    private final List<List<Post>> writes = new ArrayList<>();

    /** A fleet with the channel analytics (a feedback store that has no comment to read back) or without them. */
    private Fleet fleet(boolean analytics) {
        EngineStores memory = InMemoryStores.create(clock);
        SeenPostStore counting = (posts, at) -> {
            writes.add(posts);
            seen.add(posts, at);
        };
        FeedbackStore nothingToRead = new FeedbackStore() {
            @Override
            public List<SentComment> sentSince(String account, Instant since) {
                return List.of();
            }

            @Override
            public void record(List<Long> asked, Map<Long, CommentFeedback> read, Instant at) {}
        };
        SplittableRandom random = new SplittableRandom(7);
        return new Fleet(clock, new EngineStores(memory.journal(), memory.accountStates(), memory.channelStates(), memory.leases(),
                memory.reviews(), counting), new FleetRules(1, Duration.ZERO), Leasing.anonymous(random), random, event -> {},
                Optional.empty(), analytics ? Optional.of(nothingToRead) : Optional.empty());
    }

    private Fleet fleet() {
        return fleet(true);
    }

    @Test
    void aFleetWithoutChannelAnalyticsRecordsNoPostSeen() {
        Fleet fleet = fleet(false);
        ScriptedTelegram telegram = new ScriptedTelegram(clock, List.of(CHANNEL));
        telegram.existing(CHANNEL, 1, START.minus(Duration.ofMinutes(30)), "a fresh post");
        fleet.add(TestAccounts.account("anna", List.of(CHANNEL)), telegram, FixedWriter.writing());
        fleet.start();

        clock.runUntil(START.plus(Duration.ofHours(1)));

        assertThat(telegram.recentPostsCalls).isGreaterThan(0);
        assertThat(writes).isEmpty();
    }

    @Test
    void postsTwoAccountsSeeAreWrittenOnceAndTicksThatMeetNothingNewWriteNothing() {
        Fleet fleet = fleet();
        List<ScriptedTelegram> telegrams = new ArrayList<>();
        for (String name : List.of("anna", "boris")) {
            ScriptedTelegram telegram = new ScriptedTelegram(clock, List.of(CHANNEL));
            telegram.existing(CHANNEL, 1, START.minus(Duration.ofHours(30)), "yesterday's post");
            telegram.existing(CHANNEL, 2, START.minus(Duration.ofMinutes(30)), "a fresh post");
            fleet.add(TestAccounts.account(name, List.of(CHANNEL)), telegram, FixedWriter.writing());
            telegrams.add(telegram);
        }
        fleet.start();

        clock.runUntil(START.plus(Duration.ofHours(2)));

        assertThat(telegrams).allSatisfy(telegram -> assertThat(telegram.recentPostsCalls).isGreaterThan(1));
        assertThat(writes).singleElement().satisfies(posts -> assertThat(posts).extracting(Post::messageId)
                .containsExactlyInAnyOrder(1L, 2L));
        assertThat(seen.firstSeen()).containsOnlyKeys(new PostKey(CHANNEL, 1), new PostKey(CHANNEL, 2));
    }

    @Test
    void aPostAnnouncedByAnUpdateIsWrittenAlone() {
        Fleet fleet = fleet();
        ScriptedTelegram telegram = new ScriptedTelegram(clock, List.of(CHANNEL));
        telegram.existing(CHANNEL, 1, START.minus(Duration.ofMinutes(30)), "a fresh post");
        fleet.add(TestAccounts.account("anna", List.of(CHANNEL)), telegram, FixedWriter.writing());
        fleet.start();
        clock.runUntil(START.plus(Duration.ofMinutes(1)));

        telegram.publish(CHANNEL, 2, "news");
        clock.runUntil(START.plus(Duration.ofHours(1)));

        assertThat(writes).extracting(posts -> posts.stream().map(Post::messageId).toList())
                .containsExactly(List.of(1L), List.of(2L));
        assertThat(seen.firstSeen()).containsEntry(new PostKey(CHANNEL, 2), START.plus(Duration.ofMinutes(1)));
    }
}
