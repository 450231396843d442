package dev.marketolog.telegram;

import java.util.List;
import java.util.Map;

/** A Telegram that hands every call to another: a test overrides only the calls it watches or changes. */
public abstract class ForwardingTelegram implements Telegram {

    protected final Telegram delegate;

    protected ForwardingTelegram(Telegram delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Channel> prepare(List<Long> allowlist) {
        return delegate.prepare(allowlist);
    }

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        return delegate.recentPosts(channelId, limit);
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        return delegate.commentsUnder(post, limit);
    }

    @Override
    public SendResult comment(PostKey post, String text) {
        return delegate.comment(post, text);
    }

    @Override
    public SendResult saveMessage(String text) {
        return delegate.saveMessage(text);
    }

    @Override
    public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        return delegate.feedback(comments);
    }

    @Override
    public void listen(TelegramListener listener) {
        delegate.listen(listener);
    }

    @Override
    public void disconnect() {
        delegate.disconnect();
    }
}
