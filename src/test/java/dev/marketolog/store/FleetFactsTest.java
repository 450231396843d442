package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.marketolog.store.FleetFacts.Newest;
import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cache alone, its reads stood in by functions that record what they were asked: time, changes and races in order. */
class FleetFactsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final PostKey POST = new PostKey(-1001, 7);

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final FleetFacts facts = new FleetFacts(Duration.ofSeconds(5), nanos::get);
    private final List<Set<Long>> channelReads = new ArrayList<>();
    private final List<PostKey> postReads = new ArrayList<>();

    @Test
    void theOthersLastIsTheNewestRowUnlessItIsTheAskersThenTheRunnerUp() {
        Newest aOverB = new Newest("a", T0.plusSeconds(2), Optional.of(T0.plusSeconds(1)));
        Newest aAlone = new Newest("a", T0.plusSeconds(3), Optional.empty());

        assertThat(aOverB.byOthersThan("a")).contains(T0.plusSeconds(1));
        assertThat(aOverB.byOthersThan("b")).contains(T0.plusSeconds(2));
        assertThat(aAlone.byOthersThan("a")).isEmpty();
        assertThat(aAlone.byOthersThan("b")).contains(T0.plusSeconds(3));
    }

    @Test
    void aChannelWithNoLiveRowIsAbsentForEveryoneAndKnownAsSuch() {
        Function<Set<Long>, Map<Long, Newest>> nothing = reading(Map.of());

        assertThat(facts.lastByOthers("a", List.of(-1001L), nothing)).isEmpty();
        assertThat(facts.lastByOthers("b", List.of(-1001L), nothing)).isEmpty();
        assertThat(channelReads).hasSize(1);
    }

    @Test
    void oneReadServesEveryAccountUntilTheTtlEnds() {
        Function<Set<Long>, Map<Long, Newest>> read = reading(Map.of(-1001L, new Newest("a", T0, Optional.of(T0.minusSeconds(60)))));

        assertThat(facts.lastByOthers("a", List.of(-1001L), read)).containsExactly(entry(-1001L, T0.minusSeconds(60)));
        nanos.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(facts.lastByOthers("b", List.of(-1001L), read)).containsExactly(entry(-1001L, T0));
        assertThat(channelReads).hasSize(1);

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        facts.lastByOthers("c", List.of(-1001L), read);
        assertThat(channelReads).hasSize(2);
    }

    @Test
    void onlyTheChannelsNotKnownAreReadAndInOneRead() {
        Function<Set<Long>, Map<Long, Newest>> read = reading(Map.of(
                -1001L, new Newest("a", T0, Optional.empty()),
                -1002L, new Newest("b", T0, Optional.empty()),
                -1003L, new Newest("c", T0, Optional.empty())));

        facts.lastByOthers("a", List.of(-1001L), read);
        Map<Long, Instant> last = facts.lastByOthers("a", List.of(-1001L, -1002L, -1003L), read);

        assertThat(channelReads).containsExactly(Set.of(-1001L), Set.of(-1002L, -1003L));
        assertThat(last).containsOnlyKeys(-1002L, -1003L);
    }

    @Test
    void theAccountsUnderAPostAreReadOnceAndCountedWithoutTheAsker() {
        Function<PostKey, Set<String>> read = post -> {
            postReads.add(post);
            return Set.of("a", "b");
        };

        assertThat(facts.otherAccountsUnder("a", POST, read)).isEqualTo(1);
        assertThat(facts.otherAccountsUnder("c", POST, read)).isEqualTo(2);
        assertThat(postReads).containsExactly(POST);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        facts.otherAccountsUnder("c", POST, read);
        assertThat(postReads).hasSize(2);
    }

    @Test
    void aChangeHasItsChannelAndItsPostsReadAgainAndNoOtherChannel() {
        Function<Set<Long>, Map<Long, Newest>> read = reading(Map.of());
        Function<PostKey, Set<String>> under = post -> {
            postReads.add(post);
            return Set.of();
        };
        facts.lastByOthers("a", List.of(-1001L, -1002L), read);
        facts.otherAccountsUnder("a", POST, under);

        facts.changed(-1001);
        facts.lastByOthers("a", List.of(-1001L, -1002L), read);
        facts.otherAccountsUnder("a", POST, under);

        assertThat(channelReads).containsExactly(Set.of(-1001L, -1002L), Set.of(-1001L));
        assertThat(postReads).containsExactly(POST, POST);
    }

    @Test
    void aChangeOfEveryChannelHasAllReadAgain() {
        Function<Set<Long>, Map<Long, Newest>> read = reading(Map.of());
        facts.lastByOthers("a", List.of(-1001L, -1002L), read);

        facts.changedAll();
        facts.lastByOthers("a", List.of(-1001L, -1002L), read);

        assertThat(channelReads).containsExactly(Set.of(-1001L, -1002L), Set.of(-1001L, -1002L));
    }

    @Test
    void aReadOfAChannelThatChangedWhileItRanAnswersButIsNotKept() {
        Newest before = new Newest("a", T0, Optional.empty());
        Function<Set<Long>, Map<Long, Newest>> racing = channels -> {
            channelReads.add(channels);
            // the write commits and tells the cache after this read saw the row as it was
            facts.changed(-1001);
            return Map.of(-1001L, before, -1002L, before);
        };

        assertThat(facts.lastByOthers("b", List.of(-1001L, -1002L), racing)).containsOnlyKeys(-1001L, -1002L);
        facts.lastByOthers("b", List.of(-1001L, -1002L), reading(Map.of()));

        // the channel that did not change was kept
        assertThat(channelReads).containsExactly(Set.of(-1001L, -1002L), Set.of(-1001L));
    }

    @Test
    void aReadOfAPostWhoseChannelChangedWhileItRanIsNotKept() {
        Function<PostKey, Set<String>> racing = post -> {
            postReads.add(post);
            facts.changed(post.channelId());
            return Set.of();
        };

        assertThat(facts.otherAccountsUnder("b", POST, racing)).isZero();
        facts.otherAccountsUnder("b", POST, racing);

        assertThat(postReads).containsExactly(POST, POST);
    }

    @Test
    void aReadThatBeganBeforeEverythingChangedIsNotKept() {
        Function<Set<Long>, Map<Long, Newest>> racing = channels -> {
            channelReads.add(channels);
            facts.changedAll();
            return Map.of();
        };

        facts.lastByOthers("b", List.of(-1001L), racing);
        facts.lastByOthers("b", List.of(-1001L), reading(Map.of()));

        assertThat(channelReads).hasSize(2);
    }

    private Function<Set<Long>, Map<Long, Newest>> reading(Map<Long, Newest> newest) {
        return channels -> {
            channelReads.add(Set.copyOf(channels));
            return newest;
        };
    }
}
