package dev.marketolog.telegram.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marketolog.engine.VirtualClock;
import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class SimWorldTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final long A = -1001000000001L;
    private static final long B = -1001000000002L;
    private static final List<Long> CHANNELS = List.of(A, B);

    private final VirtualClock clock = new VirtualClock(START);

    private SimWorld world(UnaryOperator<SimOptions.Builder> options) {
        return SimWorld.create(options.apply(SimOptions.builder(7, START, Duration.ofDays(3))).build(), CHANNELS, clock, clock::schedule);
    }

    /** A world without scripted posts or failures, for tests that publish exactly what they need. */
    private SimWorld quietWorld(UnaryOperator<SimOptions.Builder> options) {
        return world(b -> options.apply(b.postsPerDay(0).postGoneRate(0)));
    }

    private static Telegram account(SimWorld world, String name) {
        Telegram telegram = world.telegramFor(name, CHANNELS);
        telegram.prepare(CHANNELS);
        return telegram;
    }

    private List<Post> publishMany(SimWorld world, int count) {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posts.add(world.publish(A, "Пост " + i, 1));
        }
        return posts;
    }

    private static TelegramError errorOf(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Failed.class);
        return ((SendResult.Failed) result).error();
    }

    /** Every account comments on every new post the moment it hears of it: the most a careless engine would send. */
    private static List<String> commentOnEverything(SimWorld world, VirtualClock clock) {
        List<String> outcomes = new ArrayList<>();
        for (String name : List.of("bot1", "bot2")) {
            Telegram telegram = account(world, name);
            telegram.listen(new TelegramListener() {
                @Override
                public void newPost(Post post) {
                    outcomes.add(name + " " + post.key() + " " + telegram.comment(post.key(), name + " о " + post.messageId()));
                }
            });
        }
        clock.runUntil(START.plus(Duration.ofDays(3)));
        return outcomes;
    }

    @Test
    void theSameSeedGivesTheSamePostsTextsAndOutcomes() {
        UnaryOperator<SimOptions.Builder> options = b -> b.peerFloodRate(0.1).floodWaitRate(0.1).postGoneRate(0.1);
        SimWorld first = world(options);
        List<String> firstOutcomes = commentOnEverything(first, clock);
        VirtualClock otherClock = new VirtualClock(START);
        SimWorld second = SimWorld.create(options.apply(SimOptions.builder(7, START, Duration.ofDays(3))).build(), CHANNELS, otherClock, otherClock::schedule);
        List<String> secondOutcomes = commentOnEverything(second, otherClock);

        assertThat(second.posts()).isNotEmpty().isEqualTo(first.posts());
        assertThat(secondOutcomes).isNotEmpty().isEqualTo(firstOutcomes);
        assertThat(second.sent()).isEqualTo(first.sent());
    }

    @Test
    void anotherSeedGivesOtherPosts() {
        SimWorld first = world(b -> b);
        SimWorld second = SimWorld.create(SimOptions.builder(8, START, Duration.ofDays(3)).build(), CHANNELS, clock, clock::schedule);

        assertThat(second.posts()).isNotEqualTo(first.posts());
    }

    @Test
    void postsBeforeTheStartExistAsHistoryAndTheRestArriveAtTheirTimes() {
        SimWorld world = world(b -> b.history(Duration.ofHours(12)));
        List<Post> history = world.posts();
        List<Post> heard = new ArrayList<>();
        List<Instant> heardAt = new ArrayList<>();
        account(world, "bot").listen(new TelegramListener() {
            @Override
            public void newPost(Post post) {
                heard.add(post);
                heardAt.add(clock.instant());
            }
        });

        clock.runUntil(START.plus(Duration.ofDays(3)));

        assertThat(history).isNotEmpty().allMatch(p -> p.publishedAt().isBefore(START)
                && !p.publishedAt().isBefore(START.minus(Duration.ofHours(12))));
        assertThat(heard).isNotEmpty().allMatch(p -> !p.publishedAt().isBefore(START));
        assertThat(heardAt).isEqualTo(heard.stream().map(Post::publishedAt).toList());
        assertThat(world.posts()).hasSize(history.size() + heard.size());
        assertThat(world.posts()).isSortedAccordingTo(Comparator.comparing(Post::publishedAt));
    }

    @Test
    void onlyAccountsThatPreparedAChannelHearItsPosts() {
        SimWorld world = quietWorld(b -> b);
        List<Post> heard = new ArrayList<>();
        Telegram telegram = world.telegramFor("bot", CHANNELS);
        telegram.prepare(List.of(A));
        telegram.listen(new TelegramListener() {
            @Override
            public void newPost(Post post) {
                heard.add(post);
            }
        });

        Post inA = world.publish(A, "В канале A.", 1);
        world.publish(B, "В канале B.", 1);

        assertThat(heard).containsExactly(inA);
    }

    @Test
    void channelsPostAboutPostsPerDayOnAverage() {
        double postsPerDay = 6;
        int days = 30;
        SimWorld world = SimWorld.create(SimOptions.builder(3, START, Duration.ofDays(days)).history(Duration.ZERO)
                .postsPerDay(postsPerDay).build(), CHANNELS, clock, clock::schedule);

        clock.runUntil(START.plus(Duration.ofDays(days)));

        // A Poisson count: its standard deviation is the square root of its mean; five of them is a safe margin.
        double expected = postsPerDay * days * CHANNELS.size();
        assertThat((double) world.posts().size()).isCloseTo(expected, within(5 * Math.sqrt(expected)));
    }

    @Test
    void albumsTakeSeveralMessageIdsAndSinglePostsOne() {
        SimWorld albums = world(b -> b.albumRate(1));
        SimWorld singles = world(b -> b.albumRate(0));
        clock.runUntil(START.plus(Duration.ofDays(3)));

        List<Long> albumGaps = gapsBetweenMessageIds(albums);
        List<Long> singleGaps = gapsBetweenMessageIds(singles);

        assertThat(albumGaps).isNotEmpty().allMatch(gap -> gap >= 2);
        assertThat(singleGaps).isNotEmpty().containsOnly(1L);
    }

    private List<Long> gapsBetweenMessageIds(SimWorld world) {
        List<Post> inA = world.posts().stream().filter(p -> p.channelId() == A).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < inA.size(); i++) {
            gaps.add(inA.get(i).messageId() - inA.get(i - 1).messageId());
        }
        return gaps;
    }

    @Test
    void textlessRateDecidesWhichPostsHaveNoText() {
        assertThat(world(b -> b.textlessRate(1)).posts()).isNotEmpty().allMatch(p -> p.text().isEmpty());
        assertThat(world(b -> b.textlessRate(0)).posts()).isNotEmpty().noneMatch(p -> p.text().isEmpty());
    }

    @Test
    void peerFloodRateOfOneFailsEverySendAndZeroNone() {
        SimWorld always = quietWorld(b -> b.peerFloodRate(1));
        Telegram flooded = account(always, "bot");
        SimWorld never = quietWorld(b -> b.peerFloodRate(0));
        Telegram fine = account(never, "bot");

        assertThat(publishMany(always, 50)).allSatisfy(post ->
                assertThat(errorOf(flooded.comment(post.key(), "Текст."))).isInstanceOf(TelegramError.PeerFlood.class));
        assertThat(publishMany(never, 50)).allSatisfy(post ->
                assertThat(fine.comment(post.key(), "Текст.")).isInstanceOf(SendResult.Sent.class));
    }

    @Test
    void peerFloodHitsAboutItsRateOfSends() {
        double rate = 0.2;
        int sends = 2000;
        SimWorld world = quietWorld(b -> b.peerFloodRate(rate));
        Telegram telegram = account(world, "bot");

        long floods = publishMany(world, sends).stream()
                .map(post -> telegram.comment(post.key(), "Текст."))
                .filter(result -> result instanceof SendResult.Failed f && f.error() instanceof TelegramError.PeerFlood)
                .count();

        // A binomial count: five standard deviations either side of its mean.
        double mean = sends * rate;
        assertThat((double) floods).isCloseTo(mean, within(5 * Math.sqrt(sends * rate * (1 - rate))));
    }

    @Test
    void floodWaitsLastBetweenTheirBoundsAndASendDuringOneIsAViolation() {
        Duration min = Duration.ofSeconds(10);
        Duration max = Duration.ofSeconds(600);
        SimWorld world = quietWorld(b -> b.floodWaitRate(1).floodWaits(min, max));
        Telegram telegram = account(world, "bot");
        List<Duration> waits = new ArrayList<>();

        for (Post post : publishMany(world, 30)) {
            TelegramError error = errorOf(telegram.comment(post.key(), "Текст."));
            Duration wait = ((TelegramError.FloodWait) error).duration();
            waits.add(wait);
            clock.runUntil(clock.instant().plus(wait));
        }
        Post post = world.publish(A, "Ещё пост.", 1);
        Duration wait = ((TelegramError.FloodWait) errorOf(telegram.comment(post.key(), "Текст."))).duration();
        clock.runUntil(clock.instant().plus(wait.dividedBy(2)));
        TelegramError again = errorOf(telegram.comment(post.key(), "Текст."));

        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(min, max));
        assertThat(again).isEqualTo(new TelegramError.FloodWait(wait.minus(wait.dividedBy(2))));
        assertThat(world.violations()).isEqualTo(new GateViolations(0, 0, 1, 0));
    }

    @Test
    void slowModeRefusesASecondSendInsideTheDelayWithWhatIsLeft() {
        SimWorld world = quietWorld(b -> b.slowMode(A, Duration.ofMinutes(10)));
        Telegram telegram = account(world, "bot");
        List<Post> posts = publishMany(world, 3);

        SendResult first = telegram.comment(posts.get(0).key(), "Первый.");
        clock.runUntil(START.plus(Duration.ofMinutes(4)));
        SendResult tooSoon = telegram.comment(posts.get(1).key(), "Второй.");
        clock.runUntil(START.plus(Duration.ofMinutes(10)));
        SendResult inTime = telegram.comment(posts.get(2).key(), "Третий.");

        assertThat(telegram.prepare(List.of(A)).getFirst().slowModeDelay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(first).isInstanceOf(SendResult.Sent.class);
        assertThat(errorOf(tooSoon)).isEqualTo(new TelegramError.SlowMode(Duration.ofMinutes(6)));
        assertThat(inTime).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void aForbiddenChannelIsClosedInPrepareAndASendThereAfterwardsIsAViolation() {
        SimWorld world = quietWorld(b -> b.forbidden(B));
        Telegram telegram = account(world, "bot");
        Post post = world.publish(B, "Пост.", 1);

        Channel described = telegram.prepare(List.of(B)).getFirst();
        SendResult result = telegram.comment(post.key(), "Текст.");

        assertThat(described.problem()).contains(new TelegramError.ChannelClosed("CHAT_WRITE_FORBIDDEN"));
        assertThat(errorOf(result)).isInstanceOf(TelegramError.ChannelClosed.class);
        assertThat(world.violations()).isEqualTo(new GateViolations(0, 0, 0, 1));
    }

    @Test
    void aPostGoneUnderOneAccountIsGoneForEveryone() {
        SimWorld world = quietWorld(b -> b.postGoneRate(1));
        Telegram first = account(world, "bot1");
        Telegram second = account(world, "bot2");
        Post post = world.publish(A, "Пост.", 1);

        TelegramError error = errorOf(first.comment(post.key(), "Текст."));

        assertThat(error).isInstanceOf(TelegramError.PostGone.class);
        assertThat(second.recentPosts(A, 10)).doesNotContain(post);
        assertThat(errorOf(second.comment(post.key(), "Текст."))).isInstanceOf(TelegramError.PostGone.class);
        assertThat(world.posts()).contains(post);
    }

    @Test
    void sendsOutsideTheAllowlistAndSecondCommentsAreCountedAndRecorded() {
        SimWorld world = quietWorld(b -> b);
        Telegram onlyA = world.telegramFor("bot", List.of(A));
        Post inA = world.publish(A, "Пост.", 1);
        Post inB = world.publish(B, "Пост.", 1);

        onlyA.comment(inA.key(), "Раз.");
        onlyA.comment(inA.key(), "Два.");
        onlyA.comment(inB.key(), "Три.");

        assertThat(world.violations()).isEqualTo(new GateViolations(1, 1, 0, 0));
        assertThat(world.sent()).extracting(SentComment::account, SentComment::post, SentComment::text)
                .containsExactly(
                        Tuple.tuple("bot", inA.key(), "Раз."),
                        Tuple.tuple("bot", inA.key(), "Два."),
                        Tuple.tuple("bot", inB.key(), "Три."));
    }

    @Test
    void commentsUnderShowOurAccountsAndOtherPeopleOldestFirstOnceTheirTimeComes() {
        SimWorld world = world(b -> b.postGoneRate(0));
        Telegram first = account(world, "bot1");
        Telegram second = account(world, "bot2");
        clock.runUntil(START.plus(Duration.ofDays(3)));
        Post post = first.recentPosts(A, 1).getFirst();

        first.comment(post.key(), "Мнение первого.");
        clock.runUntil(clock.instant().plusSeconds(1));
        second.comment(post.key(), "Мнение второго.");
        List<String> visible = second.commentsUnder(post.key(), 100);

        assertThat(visible).endsWith("Мнение первого.", "Мнение второго.");
        assertThat(second.commentsUnder(post.key(), 1)).containsExactly("Мнение второго.");
        assertThat(commentsUnderSomeOlderPost(first)).isNotEmpty();
    }

    /** Other people's comments under the posts of a day ago, by now all visible. */
    private List<String> commentsUnderSomeOlderPost(Telegram telegram) {
        return telegram.recentPosts(A, 100).stream()
                .filter(p -> p.publishedAt().isBefore(clock.instant().minus(Duration.ofDays(1))))
                .flatMap(p -> telegram.commentsUnder(p.key(), 10).stream())
                .toList();
    }

    @Test
    void aSentCommentGetsItsOwnMessageIdInTheDiscussionGroup() {
        SimWorld world = quietWorld(b -> b);
        Telegram telegram = account(world, "bot");
        List<Post> posts = publishMany(world, 2);

        SendResult one = telegram.comment(posts.get(0).key(), "Раз.");
        SendResult two = telegram.comment(posts.get(1).key(), "Два.");

        assertThat(List.of(one, two)).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(((SendResult.Sent) one).messageId()).isNotEqualTo(((SendResult.Sent) two).messageId());
        assertThat(world.sent()).extracting(SentComment::messageId)
                .containsExactly(((SendResult.Sent) one).messageId(), ((SendResult.Sent) two).messageId());
        assertThat(world.violations()).isEqualTo(GateViolations.NONE);
        assertThat(new PostKey(A, posts.get(0).messageId())).isEqualTo(world.sent().getFirst().post());
    }

    @Test
    void aChannelAppearsWhenAnAccountAllowlistingItConnectsWithItsHistoryAndLaterPosts() {
        long late = -1001000000009L;
        SimWorld world = world(b -> b.history(Duration.ofHours(12)).postsPerDay(24));
        clock.runUntil(START.plus(Duration.ofHours(6)));
        Instant connectedAt = clock.instant();

        Telegram telegram = world.telegramFor("bot", List.of(A, late));
        Channel channel = telegram.prepare(List.of(late)).getFirst();
        List<Post> history = telegram.recentPosts(late, 1000);
        clock.runUntil(connectedAt.plus(Duration.ofHours(6)));

        assertThat(channel.usable()).isTrue();
        assertThat(channel.discussionChatId()).get().isNotIn(CHANNELS);
        assertThat(history).isNotEmpty().allMatch(p -> p.publishedAt().isBefore(connectedAt)
                && !p.publishedAt().isBefore(connectedAt.minus(Duration.ofHours(12))));
        assertThat(telegram.recentPosts(late, 1000)).hasSizeGreaterThan(history.size());
    }

    @Test
    void anAccountThatConnectsAgainKeepsItsViewAndItsFloodWait() {
        SimWorld world = quietWorld(b -> b.floodWaitRate(1).floodWaits(Duration.ofMinutes(10), Duration.ofMinutes(10)));
        Telegram first = account(world, "bot");
        Post post = world.publish(A, "Пост.", 1);
        first.comment(post.key(), "Раз.");

        Telegram again = account(world, "bot");
        TelegramError error = errorOf(again.comment(post.key(), "Два."));

        assertThat(again).isSameAs(first);
        assertThat(error).isEqualTo(new TelegramError.FloodWait(Duration.ofMinutes(10)));
        assertThat(world.violations()).isEqualTo(new GateViolations(0, 0, 1, 0));
    }

    @Test
    void aModeratorDeletesAnAcceptedCommentWithinTwoMinutesAndItsAuthorHearsOfIt() {
        SimWorld world = quietWorld(b -> b.commentDeleteRate(1));
        Telegram telegram = account(world, "bot");
        List<List<Long>> deleted = new ArrayList<>();
        telegram.listen(new TelegramListener() {
            @Override
            public void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
                deleted.add(List.of(channelId, discussionChatId, messageId));
            }
        });
        Post post = world.publish(A, "Пост.", 1);
        SendResult.Sent sent = (SendResult.Sent) telegram.comment(post.key(), "Текст.");

        clock.runUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(deleted).containsExactly(List.of(A, sent.discussionChatId(), sent.messageId()));
        assertThat(telegram.commentsUnder(post.key(), 10)).isEmpty();
    }

    @Test
    void withoutADeleteRateNoCommentIsDeleted() {
        SimWorld world = quietWorld(b -> b);
        Telegram telegram = account(world, "bot");
        Post post = world.publish(A, "Пост.", 1);
        telegram.comment(post.key(), "Текст.");

        clock.runUntil(START.plus(Duration.ofHours(1)));

        assertThat(telegram.commentsUnder(post.key(), 10)).containsExactly("Текст.");
    }

    @Test
    void feedbackOnAcceptedCommentsFollowsTheModelByTheirAgeAndSurvivesARestore() {
        SimWorld world = quietWorld(b -> b);
        Telegram telegram = account(world, "bot");
        List<OurComment> ours = new ArrayList<>();
        for (Post post : publishMany(world, 30)) {
            SendResult.Sent sent = (SendResult.Sent) telegram.comment(post.key(), "Текст.");
            ours.add(new OurComment(post.key(), sent.discussionChatId(), sent.messageId()));
        }
        OurComment unknown = new OurComment(ours.getFirst().post(), ours.getFirst().discussionChatId(), 1_000_000);
        Map<OurComment, CommentFeedback> fresh = telegram.feedback(ours);
        clock.runUntil(START.plus(Duration.ofHours(3)));

        Map<OurComment, CommentFeedback> later = telegram.feedback(listWith(ours, unknown));
        SimWorld restored = SimWorld.restore(world.options(), world.snapshot(), clock, clock::schedule);

        assertThat(fresh).containsOnlyKeys(ours).allSatisfy((comment, feedback) -> assertThat(feedback).isEqualTo(new CommentFeedback(0, 0)));
        assertThat(later).containsOnlyKeys(ours).allSatisfy((comment, feedback) -> assertThat(feedback)
                .isEqualTo(new FeedbackModel(7).at(comment.discussionChatId(), comment.messageId(), Duration.ofHours(3))));
        assertThat(later.values()).anyMatch(f -> f.reactions() > 0);
        assertThat(restored.telegramFor("bot", CHANNELS).feedback(ours)).isEqualTo(later);
    }

    private static List<OurComment> listWith(List<OurComment> comments, OurComment more) {
        List<OurComment> all = new ArrayList<>(comments);
        all.add(more);
        return all;
    }

    @Test
    void aCommentAModeratorDeletedHasNoFeedback() {
        SimWorld world = quietWorld(b -> b.commentDeleteRate(1));
        Telegram telegram = account(world, "bot");
        Post post = world.publish(A, "Пост.", 1);
        SendResult.Sent sent = (SendResult.Sent) telegram.comment(post.key(), "Текст.");
        OurComment ours = new OurComment(post.key(), sent.discussionChatId(), sent.messageId());
        Map<OurComment, CommentFeedback> before = telegram.feedback(List.of(ours));

        clock.runUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(before).containsOnlyKeys(ours);
        assertThat(telegram.feedback(List.of(ours))).isEmpty();
    }

    @Test
    void aRestoredWorldHasTheSamePostsCommentsAccountsAndCountsAndPostsOn() {
        SimWorld world = world(b -> b.postsPerDay(48).floodWaits(Duration.ofHours(1), Duration.ofHours(1)));
        clock.runUntil(START.plus(Duration.ofHours(2)));
        Telegram telegram = account(world, "bot");
        Post post = telegram.recentPosts(A, 1).getFirst();
        telegram.comment(post.key(), "Раз.");
        telegram.comment(post.key(), "Два.");
        WorldSnapshot snapshot = world.snapshot();
        VirtualClock later = new VirtualClock(clock.instant());

        SimWorld restored = SimWorld.restore(world.options(), snapshot, later, later::schedule);
        Telegram again = restored.telegramFor("bot", CHANNELS);
        later.runUntil(clock.instant().plus(Duration.ofHours(6)));

        assertThat(restored.sent()).isEqualTo(world.sent());
        assertThat(restored.violations()).isEqualTo(world.violations()).isEqualTo(new GateViolations(0, 1, 0, 0));
        assertThat(again.commentsUnder(post.key(), 10)).containsSubsequence("Раз.", "Два.");
        assertThat(restored.posts()).containsAll(world.posts()).hasSizeGreaterThan(world.posts().size());
        assertThat(again.recentPosts(A, 1).getFirst().messageId()).isGreaterThan(post.messageId());
    }
}
