package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.web.TelegramSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReopeningTelegramTest {

    /** A session that notes its number in every answer and whether it is closed. */
    private static final class NumberedSession implements ReopeningTelegram.OpenSession, Telegram {
        final int number;
        boolean closed;
        TelegramListener listener;

        NumberedSession(int number) {
            this.number = number;
        }

        @Override
        public Telegram telegram() {
            return this;
        }

        @Override
        public TelegramSession state() {
            return new TelegramSession("ready", "session " + number);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public List<Channel> prepare(List<Long> allowlist) {
            return List.of();
        }

        @Override
        public List<Post> recentPosts(long channelId, int limit) {
            return List.of(new Post(channelId, number, Instant.EPOCH, "from session " + number));
        }

        @Override
        public List<String> commentsUnder(PostKey post, int limit) {
            return List.of();
        }

        @Override
        public SendResult saveMessage(String text) {
            throw new UnsupportedOperationException("not part of reopening");
        }

        @Override
        public SendResult comment(PostKey post, String text) {
            return new SendResult.Sent(post.channelId(), number, Instant.EPOCH);
        }

        @Override
        public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
            return Map.of(comments.getFirst(), new CommentFeedback(number, 0));
        }

        @Override
        public void listen(TelegramListener listener) {
            this.listener = listener;
        }
    }

    private final List<NumberedSession> opened = new ArrayList<>(List.of(new NumberedSession(1)));
    private final ReopeningTelegram telegram = new ReopeningTelegram(opened.getFirst(), () -> {
        NumberedSession next = new NumberedSession(opened.size() + 1);
        opened.add(next);
        return next;
    });

    @Test
    void theSessionOpenAtTheStartIsUsedUntilItIsDisconnected() {
        TelegramListener listener = new TelegramListener() {};
        telegram.listen(listener);

        assertThat(telegram.recentPosts(-1001, 1)).extracting(Post::messageId).containsExactly(1L);
        assertThat(opened).hasSize(1);
        assertThat(opened.getFirst().listener).isSameAs(listener);
    }

    @Test
    void aDisconnectClosesTheSessionAndTheNextCallOpensANewOneWithTheListener() {
        TelegramListener listener = new TelegramListener() {};
        telegram.listen(listener);

        telegram.disconnect();

        assertThat(opened.getFirst().closed).isTrue();
        assertThat(telegram.state()).isEmpty();
        assertThat(opened).hasSize(1);

        assertThat(telegram.comment(new PostKey(-1001, 7), "text")).isEqualTo(new SendResult.Sent(-1001, 2, Instant.EPOCH));
        assertThat(opened).hasSize(2);
        assertThat(opened.get(1).listener).isSameAs(listener);
        assertThat(telegram.state()).contains(new TelegramSession("ready", "session 2"));
    }

    @Test
    void aSecondDisconnectClosesNothingMore() {
        telegram.disconnect();
        telegram.disconnect();

        assertThat(opened).hasSize(1);
        assertThat(telegram.state()).isEqualTo(Optional.empty());
    }

    @Test
    void feedbackIsReadOnTheOpenSessionAndNeverOpensOne() {
        OurComment ours = new OurComment(new PostKey(-1001, 7), -1002, 70);

        assertThat(telegram.feedback(List.of(ours))).isEqualTo(Map.of(ours, new CommentFeedback(1, 0)));

        telegram.disconnect();

        assertThat(telegram.feedback(List.of(ours))).isEmpty();
        assertThat(opened).hasSize(1);
    }
}
