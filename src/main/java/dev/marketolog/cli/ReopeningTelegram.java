package dev.marketolog.cli;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.web.TelegramSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An account's session that is open only while this instance runs the account: {@link #disconnect()} closes it when the
 * account's lease goes, and the next call opens it again (with the listener registered on it), so a TDLib session never
 * stays open in one process while another runs the account.
 */
final class ReopeningTelegram implements Telegram {

    /** A session open in this process. */
    interface OpenSession {
        Telegram telegram();

        /** Its authorization and connection, for /health. */
        TelegramSession state();

        void close();
    }

    private final Supplier<OpenSession> opener;
    /** Volatile: /health reads it without waiting for an open under way. */
    private volatile OpenSession session;
    private TelegramListener listener;

    /**
     * @param session the session already open
     * @param opener opens the session again and waits until it is ready; throws when it is not
     */
    ReopeningTelegram(OpenSession session, Supplier<OpenSession> opener) {
        this.session = session;
        this.opener = opener;
    }

    /** The session's state while it is open; empty while it is closed. */
    Optional<TelegramSession> state() {
        return Optional.ofNullable(session).map(OpenSession::state);
    }

    @Override
    public List<Channel> prepare(List<Long> allowlist) {
        return open().prepare(allowlist);
    }

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        return open().recentPosts(channelId, limit);
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        return open().commentsUnder(post, limit);
    }

    @Override
    public SendResult comment(PostKey post, String text) {
        return open().comment(post, text);
    }

    @Override
    public SendResult saveMessage(String text) {
        return open().saveMessage(text);
    }

    /**
     * Read on the session open here only: feedback is no reason to open one, since after a disconnect another instance
     * may run the account (and read its feedback) on that session.
     */
    @Override
    public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        OpenSession open = session;
        return open == null ? Map.of() : open.telegram().feedback(comments);
    }

    @Override
    public synchronized void listen(TelegramListener listener) {
        this.listener = listener;
        if (session != null) {
            session.telegram().listen(listener);
        }
    }

    @Override
    public synchronized void disconnect() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private synchronized Telegram open() {
        if (session == null) {
            OpenSession opened = opener.get();
            if (listener != null) {
                opened.telegram().listen(listener);
            }
            session = opened;
        }
        return session.telegram();
    }
}
