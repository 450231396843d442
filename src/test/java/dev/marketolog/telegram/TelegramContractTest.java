package dev.marketolog.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every adapter of the {@link Telegram} port must have. An adapter's test extends this suite and supplies a
 * world with the chats it describes in {@link ContractWorld}.
 */
public abstract class TelegramContractTest {

    /**
     * What the suite needs from an adapter for one test.
     *
     * @param telegram a fresh view for one account
     * @param openChannel a channel the account may comment in, with at least three posts, one of them the album below
     *     and the newest one not an album
     * @param closedChannel an existing channel whose discussion group is closed to the account
     * @param unknownChannel a chat id that does not exist
     * @param album the album in {@code openChannel}: its first message
     * @param albumMessages how many messages the album has (at least two)
     */
    public record ContractWorld(
            Telegram telegram, long openChannel, long closedChannel, long unknownChannel, PostKey album, int albumMessages) {}

    /** Builds a fresh world for one test. */
    protected abstract ContractWorld newWorld();

    private ContractWorld world;
    private Telegram telegram;

    @BeforeEach
    void setUpWorld() {
        world = newWorld();
        telegram = world.telegram();
    }

    @Test
    void prepareDescribesEveryChannelAskedForInTheOrderAsked() {
        List<Channel> channels = telegram.prepare(List.of(world.unknownChannel(), world.openChannel(), world.closedChannel()));

        assertThat(channels).extracting(Channel::channelId)
                .containsExactly(world.unknownChannel(), world.openChannel(), world.closedChannel());
    }

    @Test
    void prepareMarksAnOpenChannelUsableWithItsTitleAndDiscussionGroup() {
        Channel open = telegram.prepare(List.of(world.openChannel())).getFirst();

        assertThat(open.usable()).isTrue();
        assertThat(open.title()).isNotBlank();
        assertThat(open.discussionChatId()).isPresent().get().isNotEqualTo(world.openChannel());
        assertThat(open.slowModeDelay().isNegative()).isFalse();
    }

    @Test
    void prepareReportsAClosedChannelAsChannelClosedInsteadOfFailing() {
        Channel closed = telegram.prepare(List.of(world.closedChannel())).getFirst();

        assertThat(closed.usable()).isFalse();
        assertThat(closed.problem()).get().isInstanceOf(TelegramError.ChannelClosed.class);
    }

    @Test
    void prepareReportsAnUnknownChannelAsAProblemInsteadOfFailing() {
        Channel unknown = telegram.prepare(List.of(world.unknownChannel())).getFirst();

        assertThat(unknown.usable()).isFalse();
        assertThat(unknown.problem()).isPresent();
    }

    @Test
    void recentPostsAreTheChannelsNewestFirst() {
        telegram.prepare(List.of(world.openChannel()));

        List<Post> posts = telegram.recentPosts(world.openChannel(), 100);

        assertThat(posts).hasSizeGreaterThanOrEqualTo(3).allMatch(post -> post.channelId() == world.openChannel());
        assertThat(posts).isSortedAccordingTo(Comparator.comparing(Post::messageId).reversed());
        assertThat(posts).isSortedAccordingTo(Comparator.comparing(Post::publishedAt).reversed());
    }

    @Test
    void recentPostsStopAtTheLimitKeepingTheNewest() {
        telegram.prepare(List.of(world.openChannel()));

        List<Post> all = telegram.recentPosts(world.openChannel(), 100);
        List<Post> two = telegram.recentPosts(world.openChannel(), 2);

        assertThat(two).containsExactlyElementsOf(all.subList(0, 2));
    }

    @Test
    void recentPostsFoldAnAlbumIntoOnePostUnderItsFirstMessage() {
        telegram.prepare(List.of(world.openChannel()));
        long first = world.album().messageId();

        List<Long> ids = telegram.recentPosts(world.openChannel(), 100).stream().map(Post::messageId).toList();

        assertThat(ids).contains(first);
        assertThat(ids).noneMatch(id -> id > first && id < first + world.albumMessages());
    }

    @Test
    void recentPostsOfAnUnknownChannelAreEmptyInsteadOfFailing() {
        assertThat(telegram.recentPosts(world.unknownChannel(), 10)).isEmpty();
    }

    @Test
    void aCommentIsSentIntoTheChannelsDiscussionGroup() {
        Channel open = telegram.prepare(List.of(world.openChannel())).getFirst();
        Post newest = telegram.recentPosts(world.openChannel(), 1).getFirst();

        SendResult result = telegram.comment(newest.key(), "Интересная мысль, спасибо за разбор.");

        assertThat(result).isInstanceOfSatisfying(SendResult.Sent.class,
                sent -> assertThat(sent.discussionChatId()).isEqualTo(open.discussionChatId().orElseThrow()));
    }

    @Test
    void aSentCommentIsTheLatestUnderItsPost() {
        telegram.prepare(List.of(world.openChannel()));
        Post newest = telegram.recentPosts(world.openChannel(), 1).getFirst();
        String text = "Согласен, особенно со вторым пунктом.";

        telegram.comment(newest.key(), text);

        assertThat(telegram.commentsUnder(newest.key(), 1)).containsExactly(text);
    }

    @Test
    void anAlbumIsCommentedUnderItsFirstMessage() {
        telegram.prepare(List.of(world.openChannel()));

        SendResult result = telegram.comment(world.album(), "Красивые фотографии.");

        assertThat(result).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void aCommentUnderAMissingPostFailsWithPostGone() {
        telegram.prepare(List.of(world.openChannel()));
        long newest = telegram.recentPosts(world.openChannel(), 1).getFirst().messageId();

        SendResult result = telegram.comment(new PostKey(world.openChannel(), newest + 1_000_000), "Тест.");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error()).isInstanceOf(TelegramError.PostGone.class));
    }

    @Test
    void aCommentInAClosedChannelFailsWithChannelClosed() {
        telegram.prepare(List.of(world.closedChannel()));
        List<Post> posts = telegram.recentPosts(world.closedChannel(), 1);
        PostKey target = posts.isEmpty() ? new PostKey(world.closedChannel(), 1) : posts.getFirst().key();

        SendResult result = telegram.comment(target, "Тест.");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error()).isInstanceOf(TelegramError.ChannelClosed.class));
    }

    @Test
    void commentsUnderAPostOfAnUnknownChannelAreEmptyInsteadOfFailing() {
        assertThat(telegram.commentsUnder(new PostKey(world.unknownChannel(), 1), 10)).isEmpty();
    }

    @Test
    void feedbackReadsACommentSentAndLeavesOutOneThatDoesNotExist() {
        telegram.prepare(List.of(world.openChannel()));
        Post newest = telegram.recentPosts(world.openChannel(), 1).getFirst();
        SendResult.Sent sent = (SendResult.Sent) telegram.comment(newest.key(), "Хороший вопрос, сам думал об этом.");
        OurComment ours = new OurComment(newest.key(), sent.discussionChatId(), sent.messageId());
        OurComment missing = new OurComment(newest.key(), sent.discussionChatId(), sent.messageId() + 1_000_000);

        assertThat(telegram.feedback(List.of(missing, ours))).containsOnlyKeys(ours);
    }
}
