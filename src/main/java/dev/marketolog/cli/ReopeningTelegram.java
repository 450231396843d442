package dev.marketolog.cli;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.telegram.tdlib.TdlibAccount;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An account's TDLib session that is open only while this instance runs the account: {@link #disconnect()} closes the
 * client when the account's lease goes, and the next call opens it again from {@code DATA_DIR/sessions/<account>}
 * (with the listener registered on it), so a session never stays open in one process while another runs it.
 */
final class ReopeningTelegram implements Telegram {

    private final Supplier<TdlibAccount> opener;
    /** Volatile: /health reads it without waiting for an open under way. */
    private volatile TdlibAccount session;
    private TelegramListener listener;

    /**
     * @param session the session already open (and ready)
     * @param opener opens the session again and waits until it is ready; throws when it is not
     */
    ReopeningTelegram(TdlibAccount session, Supplier<TdlibAccount> opener) {
        this.session = session;
        this.opener = opener;
    }

    /** The session while it is open, for /health. */
    Optional<TdlibAccount> current() {
        return Optional.ofNullable(session);
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
            session = opener.get();
            if (listener != null) {
                session.telegram().listen(listener);
            }
        }
        return session.telegram();
    }
}
