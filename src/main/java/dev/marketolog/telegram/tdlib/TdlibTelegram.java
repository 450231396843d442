package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramError.ChannelClosed;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.telegram.tdlib.TdErrorMapping.Context;
import dev.marketolog.telegram.tdlib.TdFunction.CreatePrivateChat;
import dev.marketolog.telegram.tdlib.TdFunction.DeleteMessages;
import dev.marketolog.telegram.tdlib.TdFunction.GetChat;
import dev.marketolog.telegram.tdlib.TdFunction.GetChatHistory;
import dev.marketolog.telegram.tdlib.TdFunction.GetMessage;
import dev.marketolog.telegram.tdlib.TdFunction.GetMessageLink;
import dev.marketolog.telegram.tdlib.TdFunction.GetOption;
import dev.marketolog.telegram.tdlib.TdFunction.GetMessageThread;
import dev.marketolog.telegram.tdlib.TdFunction.GetMessageThreadHistory;
import dev.marketolog.telegram.tdlib.TdFunction.GetSupergroup;
import dev.marketolog.telegram.tdlib.TdFunction.GetSupergroupFullInfo;
import dev.marketolog.telegram.tdlib.TdFunction.InputMessageContent.InputMessageText;
import dev.marketolog.telegram.tdlib.TdFunction.InputMessageReplyTo.InputMessageReplyToMessage;
import dev.marketolog.telegram.tdlib.TdFunction.JoinChat;
import dev.marketolog.telegram.tdlib.TdFunction.LoadChats;
import dev.marketolog.telegram.tdlib.TdFunction.MessageTopic.MessageTopicThread;
import dev.marketolog.telegram.tdlib.TdFunction.OpenChat;
import dev.marketolog.telegram.tdlib.TdFunction.SendMessage;
import dev.marketolog.telegram.tdlib.TdObject.Chat;
import dev.marketolog.telegram.tdlib.TdObject.ChatJoinResult;
import dev.marketolog.telegram.tdlib.TdObject.ChatMemberStatus;
import dev.marketolog.telegram.tdlib.TdObject.FormattedText;
import dev.marketolog.telegram.tdlib.TdObject.Message;
import dev.marketolog.telegram.tdlib.TdObject.MessageSender;
import dev.marketolog.telegram.tdlib.TdObject.MessageSendingState;
import dev.marketolog.telegram.tdlib.TdObject.MessageThreadInfo;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue.OptionValueInteger;
import dev.marketolog.telegram.tdlib.TdObject.Supergroup;
import dev.marketolog.telegram.tdlib.TdObject.SupergroupFullInfo;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateChatMember;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateChatPermissions;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateDeleteMessages;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateMessageSendFailed;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateMessageSendSucceeded;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateNewMessage;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateSupergroup;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateSupergroupFullInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Telegram} port on one account's TDLib client. Calls block their (virtual) thread on TDLib's answers;
 * TDLib's refusals come back as {@link TelegramError}s through {@link TdErrorMapping}.
 */
public final class TdlibTelegram implements Telegram {

    private static final Logger LOG = LoggerFactory.getLogger(TdlibTelegram.class);
    /** Album parts arrive as separate updates within moments; a post is announced once they had time to arrive. */
    static final Duration ALBUM_SETTLE = Duration.ofMillis(1500);
    private static final int MAX_COMMENTS_READ = 50;
    private static final int MAX_CHAT_LIST_PAGES = 20;
    /** Replies to our comments are looked for in at most this many pages of their thread, newest first. */
    private static final int MAX_THREAD_PAGES = 2;
    private static final int THREAD_PAGE = 100;

    /** What prepare learned about an allowlisted channel and its discussion group. */
    private record Prepared(long channelId, long discussionChatId, long discussionSupergroupId, boolean mustJoin, Duration slowMode) {
        Prepared withSlowMode(Duration delay) {
            return new Prepared(channelId, discussionChatId, discussionSupergroupId, mustJoin, delay);
        }
    }

    /** A message in a chat. */
    private record MessageKey(long chatId, long messageId) {}

    private final TdClient client;
    private final Duration sendTimeout;
    private final TdScheduler scheduler;
    private final InstantSource clock;
    private final ReadBudget reads;
    private final Map<Long, Prepared> channels = new ConcurrentHashMap<>();
    private final Set<Long> joined = ConcurrentHashMap.newKeySet();
    private final Map<MessageKey, CompletableFuture<TdUpdate>> sendOutcomes = new ConcurrentHashMap<>();
    private final AtomicInteger sendsInFlight = new AtomicInteger();
    private final Map<Long, List<Message>> albumsArriving = new ConcurrentHashMap<>();
    private volatile boolean chatsLoaded;
    private volatile long myUserId;
    private volatile TelegramListener listener = new TelegramListener() {};

    /**
     * @param sendTimeout how long a sent comment may stay pending before it is deleted and reported unknown (SEND_TIMEOUT_SECONDS)
     * @param scheduler the timer of the send timeout and of album settling
     */
    public TdlibTelegram(TdClient client, Duration sendTimeout, InstantSource clock, TdScheduler scheduler) {
        this(client, sendTimeout, clock, scheduler, ReadBudget.perAccount(clock));
    }

    /** @param reads the account's read budget, which every history, thread and feedback read takes from */
    TdlibTelegram(TdClient client, Duration sendTimeout, InstantSource clock, TdScheduler scheduler, ReadBudget reads) {
        this.client = client;
        this.sendTimeout = sendTimeout;
        this.scheduler = scheduler;
        this.clock = clock;
        this.reads = reads;
    }

    @Override
    public void listen(TelegramListener listener) {
        this.listener = listener;
    }

    // ---- prepare

    @Override
    public List<Channel> prepare(List<Long> allowlist) {
        loadChatsOnce();
        return allowlist.stream().map(this::prepare).toList();
    }

    /** A new session knows only the chats it has loaded: load the main list (each call adds a page; 404 = all loaded). */
    private void loadChatsOnce() {
        if (chatsLoaded) {
            return;
        }
        try {
            for (int page = 0; page < MAX_CHAT_LIST_PAGES; page++) {
                TdClient.await(client.send(new LoadChats(new TdFunction.ChatList.ChatListMain(), 100)));
            }
        } catch (TdException e) {
            if (e.error().code() != 404) {
                LOG.warn("loadChats: {}", e.getMessage());
            }
        } catch (TdTimeoutException | TdClosedException e) {
            LOG.warn("loadChats failed: {}", e.getMessage());
        }
        chatsLoaded = true;
    }

    private Channel prepare(long channelId) {
        String title = "";
        try {
            Chat chat = TdClient.await(client.send(new GetChat(channelId)));
            title = chat.title();
            var channel = chat.supergroup().filter(TdObject.ChatType.ChatTypeSupergroup::isChannel);
            if (channel.isEmpty()) {
                return problem(channelId, title, new ChannelClosed("chat " + channelId + " is not a channel"));
            }
            TdClient.await(client.send(new OpenChat(channelId)));
            long linked = TdClient.await(client.send(new GetSupergroupFullInfo(channel.get().supergroupId()))).linkedChatId();
            if (linked == 0) {
                return new Channel(channelId, title, Optional.empty(), Duration.ZERO, Optional.empty());
            }
            Chat discussion = TdClient.await(client.send(new GetChat(linked)));
            long groupId = discussion.supergroup().orElseThrow().supergroupId();
            Supergroup group = TdClient.await(client.send(new GetSupergroup(groupId)));
            SupergroupFullInfo groupInfo = TdClient.await(client.send(new GetSupergroupFullInfo(groupId)));
            TdClient.await(client.send(new OpenChat(linked)));
            Duration slowMode = Duration.ofSeconds(groupInfo.slowModeDelay());
            boolean mustJoin = group.joinToSendMessages() && !isMember(group.status());
            channels.put(channelId, new Prepared(channelId, linked, groupId, mustJoin, slowMode));
            Optional<TelegramError> closed = closedBy(group.status()).map(ChannelClosed::new);
            return new Channel(channelId, title, Optional.of(linked), slowMode, closed);
        } catch (TdException e) {
            return problem(channelId, title, TdErrorMapping.map(e.error()));
        } catch (TdTimeoutException | TdClosedException e) {
            return problem(channelId, title, new TelegramError.Unknown(0, e.getMessage()));
        }
    }

    private static Channel problem(long channelId, String title, TelegramError error) {
        return new Channel(channelId, title, Optional.empty(), Duration.ZERO, Optional.of(error));
    }

    private static boolean isMember(ChatMemberStatus status) {
        return switch (status) {
            case ChatMemberStatus.ChatMemberStatusCreator s -> true;
            case ChatMemberStatus.ChatMemberStatusAdministrator s -> true;
            case ChatMemberStatus.ChatMemberStatusMember s -> true;
            case ChatMemberStatus.ChatMemberStatusRestricted s -> s.isMember();
            case ChatMemberStatus.ChatMemberStatusLeft s -> false;
            case ChatMemberStatus.ChatMemberStatusBanned s -> false;
            case null -> false;
        };
    }

    /** Why {@code status} in a discussion group keeps us from writing there, if it does. */
    private static Optional<String> closedBy(ChatMemberStatus status) {
        return switch (status) {
            case ChatMemberStatus.ChatMemberStatusBanned s -> Optional.of("banned in the discussion group");
            case ChatMemberStatus.ChatMemberStatusRestricted s when s.permissions() != null && !s.permissions().canSendBasicMessages() ->
                    Optional.of("restricted in the discussion group: may not send messages");
            case null, default -> Optional.empty();
        };
    }

    // ---- reading

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        if (limit <= 0 || reads.held()) {
            return List.of();
        }
        List<Message> messages = new ArrayList<>();
        List<Post> posts = List.of();
        long from = 0;
        try {
            // fetch until one post more than asked is folded, so the last album returned is complete
            while (posts.size() <= limit) {
                reads.take();
                List<Message> page = TdClient.await(client.send(new GetChatHistory(channelId, from, 0, Math.min(100, limit * 2 + 1), false)))
                        .messages();
                if (page.isEmpty()) {
                    break;
                }
                messages.addAll(page);
                from = page.getLast().id();
                posts = Albums.fold(channelId, messages);
            }
        } catch (TdException | TdTimeoutException | TdClosedException e) {
            holdOnFloodWait(e);
            LOG.warn("reading posts of channel {} failed: {}", channelId, e.getMessage());
            return List.of();
        }
        return posts.subList(0, Math.min(limit, posts.size()));
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        if (limit <= 0 || reads.held()) {
            return List.of();
        }
        try {
            reads.take();
            List<Message> newestFirst = TdClient.await(client.send(
                    new GetMessageThreadHistory(post.channelId(), post.messageId(), 0, 0, Math.min(limit, MAX_COMMENTS_READ)))).messages();
            List<String> texts = newestFirst.stream().map(Message::text).filter(t -> !t.isBlank()).limit(limit).toList();
            return texts.reversed();
        } catch (TdException | TdTimeoutException | TdClosedException e) {
            holdOnFloodWait(e);
            LOG.debug("reading comments under {} failed: {}", post, e.getMessage());
            return List.of();
        }
    }

    // ---- feedback

    /**
     * Reads each comment with {@code getMessage} (its reactions are in {@code interaction_info}) and, once per post, the
     * thread the comments are in with {@code getMessageThreadHistory}, newest first, until a page reaches the oldest of
     * them or after two pages of 100: a reply is a message there, not one of ours, whose {@code reply_to} is our comment.
     * So a post costs one read per comment and one or two for its thread, each taken from the account's read budget. A
     * comment whose message or thread cannot be read (deleted, no access) is left out; a flood wait, a timeout or a
     * session going away ends the batch with what was read, and a flood wait holds every read of the account back
     * ({@link ReadBudget#hold}).
     */
    @Override
    public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        if (reads.held()) {
            return Map.of();
        }
        Map<PostKey, List<OurComment>> byPost = new LinkedHashMap<>();
        comments.stream().distinct().forEach(c -> byPost.computeIfAbsent(c.post(), p -> new ArrayList<>()).add(c));
        Map<OurComment, CommentFeedback> read = new LinkedHashMap<>();
        try {
            for (List<OurComment> underPost : byPost.values()) {
                read.putAll(feedbackUnderOnePost(underPost));
            }
        } catch (ReadsStopped e) {
            LOG.info("reading feedback stopped after {} of {} comments: {}", read.size(), comments.size(), e.getMessage());
        }
        return read;
    }

    /** The feedback on comments under one post, which share a thread (in one discussion group, as a post has one). */
    private Map<OurComment, CommentFeedback> feedbackUnderOnePost(List<OurComment> comments) {
        Map<OurComment, Message> found = new LinkedHashMap<>();
        for (OurComment comment : comments) {
            readForFeedback(new GetMessage(comment.discussionChatId(), comment.messageId())).ifPresent(m -> found.put(comment, m));
        }
        if (found.isEmpty()) {
            return Map.of();
        }
        OurComment any = found.keySet().iterator().next();
        long oldest = found.keySet().stream().mapToLong(OurComment::messageId).min().orElseThrow();
        Map<Long, Message> thread = new LinkedHashMap<>();
        long from = 0;
        for (int page = 0; page < MAX_THREAD_PAGES; page++) {
            Optional<List<Message>> messages = readForFeedback(
                    new GetMessageThreadHistory(any.discussionChatId(), any.messageId(), from, 0, THREAD_PAGE)).map(TdObject.Messages::messages);
            if (messages.isEmpty()) {
                return Map.of(); // the thread cannot be read: the replies are not known
            }
            // a page starts at from_message_id itself: keyed by id, the overlap counts once
            messages.get().forEach(m -> thread.put(m.id(), m));
            if (messages.get().isEmpty() || messages.get().getLast().id() <= oldest) {
                break;
            }
            from = messages.get().getLast().id();
        }
        Map<OurComment, CommentFeedback> feedback = new LinkedHashMap<>();
        found.forEach((comment, message) -> feedback.put(comment, new CommentFeedback(message.reactionCount(),
                (int) thread.values().stream()
                        .filter(m -> !m.isOutgoing() && m.repliesTo(comment.discussionChatId(), comment.messageId())).count())));
        return feedback;
    }

    /**
     * One feedback read, paced by the read budget: its answer, or empty when what it reads is gone or closed to us.
     *
     * @throws ReadsStopped when reading on would be wrong: a flood wait (then held for its length), or a session that
     *                      does not answer or is gone
     */
    private <R extends TdObject> Optional<R> readForFeedback(TdFunction<R> read) {
        reads.take();
        try {
            return Optional.of(TdClient.await(client.send(read)));
        } catch (TdException e) {
            return switch (TdErrorMapping.map(e.error())) {
                case TelegramError.FloodWait(Duration wait) -> throw holdReads(wait, e);
                case TelegramError.SlowMode(Duration wait) -> throw holdReads(wait, e);
                case TelegramError.SessionGone gone -> throw new ReadsStopped(e.getMessage());
                case TelegramError.PeerFlood flood -> throw new ReadsStopped(e.getMessage());
                case TelegramError.PostGone gone -> Optional.empty();
                case TelegramError.ChannelClosed closed -> Optional.empty();
                case TelegramError.Unknown unknown -> {
                    LOG.debug("{} failed: {}", read, e.getMessage());
                    yield Optional.empty();
                }
            };
        } catch (TdTimeoutException | TdClosedException e) {
            throw new ReadsStopped(e.getMessage());
        }
    }

    private ReadsStopped holdReads(Duration wait, TdException e) {
        reads.hold(wait);
        return new ReadsStopped(e.getMessage() + "; nothing is read for " + wait.toSeconds() + " s");
    }

    /** A history read that drew a flood wait holds the account's reads back for it (a read is never a send's wait). */
    private void holdOnFloodWait(RuntimeException e) {
        if (e instanceof TdException td && TdErrorMapping.map(td.error()) instanceof TelegramError.FloodWait(Duration wait)) {
            reads.hold(wait);
        }
    }

    /** Ends a batch of feedback reads early. */
    private static final class ReadsStopped extends RuntimeException {
        ReadsStopped(String reason) {
            super(reason, null, false, false);
        }
    }

    // ---- commenting

    @Override
    public SendResult comment(PostKey post, String text) {
        Prepared channel = channels.get(post.channelId());
        Context context = new Context(channel != null && !channel.slowMode().isZero());
        MessageThreadInfo thread;
        try {
            thread = TdClient.await(client.send(new GetMessageThread(post.channelId(), post.messageId())));
        } catch (TdException e) {
            return new SendResult.Failed(TdErrorMapping.map(e.error(), context), false);
        } catch (TdTimeoutException | TdClosedException e) {
            return new SendResult.Failed(new TelegramError.Unknown(0, e.getMessage()), false);
        }
        long chatId = thread.chatId();
        boolean joinedNow = false;
        if (channel != null && channel.mustJoin() && !joined.contains(chatId)) {
            Optional<SendResult> refused = join(chatId);
            if (refused.isPresent()) {
                return refused.get();
            }
            joinedNow = true;
        }
        SendResult result = send(thread, text, context);
        if (!joinedNow && !joined.contains(chatId) && result instanceof SendResult.Failed f && TdErrorMapping.mustJoin(f.error())) {
            Optional<SendResult> refused = join(chatId);
            return refused.orElseGet(() -> send(thread, text, context));
        }
        return result;
    }

    /** Joins a discussion group that requires it; empty when we may write now, else why not. */
    private Optional<SendResult> join(long chatId) {
        ChatJoinResult result;
        try {
            result = TdClient.await(client.send(new JoinChat(chatId), TdClient.SEND_TIMEOUT));
        } catch (TdException e) {
            return Optional.of(new SendResult.Failed(TdErrorMapping.map(e.error()), true));
        } catch (TdTimeoutException | TdClosedException e) {
            return Optional.of(new SendResult.Failed(new TelegramError.Unknown(0, "joining the discussion group: " + e.getMessage()), true));
        }
        String refusal = switch (result) {
            case ChatJoinResult.ChatJoinResultSuccess s -> null;
            case ChatJoinResult.ChatJoinResultRequestSent s -> "asked to join the discussion group; an admin has to approve it";
            case ChatJoinResult.ChatJoinResultDeclined s -> "the discussion group declined our request to join";
            case ChatJoinResult.ChatJoinResultGuardBotApprovalRequired s -> "the discussion group's guard bot has to approve joining";
        };
        if (refusal == null) {
            joined.add(chatId);
            return Optional.empty();
        }
        return Optional.of(new SendResult.Failed(new ChannelClosed(refusal), true));
    }

    /**
     * Sends one comment into the post's thread and waits for its one outcome. TDLib answers with a pending message at
     * once; {@code updateMessageSendSucceeded}/{@code Failed} say what happened. Still pending after the send timeout,
     * it is deleted so that TDLib never delivers it later, outside the engine's gate.
     */
    private SendResult send(MessageThreadInfo thread, String text, Context context) {
        long firstMessage = thread.messages().stream().mapToLong(Message::id).min().orElse(thread.messageThreadId());
        return send(new SendMessage(thread.chatId(), new MessageTopicThread(thread.messageThreadId()),
                new InputMessageReplyToMessage(firstMessage), new InputMessageText(new FormattedText(text), false)), context, true);
    }

    /**
     * Sends one message and waits for its one outcome, withdrawing it when it is still pending after the send timeout;
     * a comment ({@code linked}) is then asked for its link, a note to oneself is not.
     */
    private SendResult send(SendMessage request, Context context, boolean linked) {
        long chatId = request.chatId();
        sendsInFlight.incrementAndGet();
        Message pending = null;
        try {
            pending = TdClient.await(client.send(request, TdClient.SEND_TIMEOUT));
            MessageKey key = new MessageKey(chatId, pending.id());
            if (pending.sendingState() == null) {
                return sent(pending, linked);
            }
            if (pending.sendingState() instanceof MessageSendingState.MessageSendingStateFailed failed) {
                return new SendResult.Failed(TdErrorMapping.map(failed.error(), context), true);
            }
            CompletableFuture<TdUpdate> outcome = sendOutcomes.computeIfAbsent(key, k -> new CompletableFuture<>());
            // the timer ends the wait, not the outcome: an outcome arriving while the comment is withdrawn still counts
            CompletableFuture<Void> expired = new CompletableFuture<>();
            TdScheduler.Scheduled expiry = scheduler.schedule(sendTimeout, () -> expired.complete(null));
            try {
                CompletableFuture.anyOf(outcome, expired).get();
                return outcome.isDone() ? outcome(outcome.get(), context, linked) : withdraw(pending, outcome, context, linked);
            } finally {
                expiry.cancel();
                sendOutcomes.remove(key);
            }
        } catch (TdException e) {
            return new SendResult.Failed(TdErrorMapping.map(e.error(), context), false);
        } catch (TdTimeoutException e) {
            return new SendResult.Unknown(e.getMessage());
        } catch (TdClosedException | ExecutionException e) {
            return new SendResult.Unknown("the session closed while the comment was pending: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending == null ? new SendResult.Unknown("interrupted before TDLib answered")
                    : withdraw(pending, CompletableFuture.failedFuture(e), context, linked);
        } finally {
            sendsInFlight.decrementAndGet();
        }
    }

    /**
     * Saved Messages is the private chat with oneself: {@code createPrivateChat} with the account's own user id
     * ({@code my_id}), then an ordinary {@code sendMessage} there, awaited like a comment.
     */
    @Override
    public SendResult saveMessage(String text) {
        try {
            long me = myUserId != 0 ? myUserId
                    : TdClient.await(client.send(new GetOption("my_id"))) instanceof OptionValueInteger id ? id.value() : 0;
            if (me == 0) {
                return new SendResult.Failed(new TelegramError.Unknown(0, "Saved Messages: the account's own id is not known yet"), false);
            }
            Chat saved = TdClient.await(client.send(new CreatePrivateChat(me, false)));
            return send(new SendMessage(saved.id(), null, null, new InputMessageText(new FormattedText(text), false)), Context.NONE,
                    false);
        } catch (TdException e) {
            return new SendResult.Failed(TdErrorMapping.map(e.error()), false);
        } catch (TdTimeoutException | TdClosedException e) {
            return new SendResult.Failed(new TelegramError.Unknown(0, "Saved Messages: " + e.getMessage()), false);
        }
    }

    private SendResult outcome(TdUpdate update, Context context, boolean linked) {
        return switch (update) {
            case UpdateMessageSendSucceeded s -> sent(s.message(), linked);
            case UpdateMessageSendFailed f -> new SendResult.Failed(TdErrorMapping.map(f.error(), context), true);
            default -> new SendResult.Unknown("unexpected " + update.getClass().getSimpleName());
        };
    }

    private SendResult sent(Message message, boolean linked) {
        return new SendResult.Sent(message.chatId(), message.id(), Instant.ofEpochSecond(message.date()),
                linked ? link(message) : Optional.empty());
    }

    /** The sent comment's link in its thread; a failure to get it never fails the send that already happened. */
    private Optional<String> link(Message message) {
        try {
            return Optional.of(TdClient.await(client.send(GetMessageLink.comment(message.chatId(), message.id()))).link())
                    .filter(link -> !link.isBlank());
        } catch (RuntimeException e) {
            // TdException, a timeout, a closed session, or an answer without a link: the comment is sent all the same
            LOG.debug("no link for comment {} in chat {}: {}", message.id(), message.chatId(), e.getMessage());
            return Optional.empty();
        }
    }

    private SendResult withdraw(Message pending, CompletableFuture<TdUpdate> outcome, Context context, boolean linked) {
        try {
            TdClient.await(client.send(new DeleteMessages(pending.chatId(), List.of(pending.id()), true)));
        } catch (RuntimeException e) {
            LOG.warn("could not delete pending comment {} in chat {}: {}", pending.id(), pending.chatId(), e.getMessage());
        }
        // it may have gone out in the moment before the delete: then it is there, and that is what we report
        if (outcome.isDone() && !outcome.isCompletedExceptionally()) {
            return outcome(outcome.join(), context, linked);
        }
        return new SendResult.Unknown("still pending after " + sendTimeout.toSeconds() + " s; deleted");
    }

    // ---- updates

    /** Handles this account's updates (on the receive thread: short work only). */
    void onUpdate(TdUpdate update) {
        switch (update) {
            case UpdateNewMessage u -> onNewMessage(u.message());
            case UpdateMessageSendSucceeded u -> onSendOutcome(new MessageKey(u.message().chatId(), u.oldMessageId()), u);
            case UpdateMessageSendFailed u -> onSendOutcome(new MessageKey(u.message().chatId(), u.oldMessageId()), u);
            case UpdateDeleteMessages u -> onDeleted(u);
            case UpdateSupergroup u -> discussionOfSupergroup(u.supergroup().id())
                    .ifPresent(p -> closedBy(u.supergroup().status()).ifPresent(reason -> listener.restricted(p.channelId(), reason)));
            case UpdateSupergroupFullInfo u -> discussionOfSupergroup(u.supergroupId()).ifPresent(p -> channels.put(p.channelId(),
                    p.withSlowMode(Duration.ofSeconds(u.supergroupFullInfo().slowModeDelay()))));
            case UpdateChatPermissions u -> discussionOfChat(u.chatId())
                    .filter(p -> u.permissions() != null && !u.permissions().canSendBasicMessages())
                    .ifPresent(p -> listener.restricted(p.channelId(), "the discussion group no longer lets members send messages"));
            case UpdateChatMember u -> discussionOfChat(u.chatId())
                    .filter(p -> u.newChatMember() != null && u.newChatMember().memberId() instanceof MessageSender.MessageSenderUser user
                            && user.userId() == myUserId)
                    .ifPresent(p -> closedBy(u.newChatMember().status()).ifPresent(reason -> listener.restricted(p.channelId(), reason)));
            default -> { }
        }
    }

    void setMyUserId(long userId) {
        this.myUserId = userId;
    }

    void sessionGone(String reason) {
        listener.sessionGone(reason);
    }

    private void onNewMessage(Message message) {
        if (!message.isChannelPost() || !channels.containsKey(message.chatId())) {
            return;
        }
        if (message.mediaAlbumId() == 0) {
            listener.newPost(Albums.post(message.chatId(), List.of(message)));
            return;
        }
        albumsArriving.compute(message.mediaAlbumId(), (id, parts) -> {
            if (parts == null) {
                scheduler.schedule(ALBUM_SETTLE, () -> announceAlbum(message.chatId(), id));
                parts = new ArrayList<>();
            }
            parts.add(message);
            return parts;
        });
    }

    private void announceAlbum(long channelId, long albumId) {
        List<Message> parts = albumsArriving.remove(albumId);
        if (parts != null) {
            try {
                listener.newPost(Albums.post(channelId, parts));
            } catch (RuntimeException e) {
                LOG.error("the listener failed on a new album post of channel {}", channelId, e);
            }
        }
    }

    private void onSendOutcome(MessageKey key, TdUpdate update) {
        // outcomes of sends nobody waits for (sent by an earlier run of TDLib) are not kept
        if (sendsInFlight.get() > 0 || sendOutcomes.containsKey(key)) {
            sendOutcomes.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(update);
        }
    }

    /**
     * Every message deleted for good in a watched discussion group is told: which of them were ours the engine asks the
     * journal, which knows the comments of earlier runs too (a list kept here would forget them at each restart).
     */
    private void onDeleted(UpdateDeleteMessages update) {
        if (!update.isPermanent() || update.fromCache()) {
            return;
        }
        discussionOfChat(update.chatId()).ifPresent(channel -> {
            for (long id : update.messageIds()) {
                listener.discussionMessageDeleted(channel.channelId(), update.chatId(), id);
            }
        });
    }

    private Optional<Prepared> discussionOfChat(long chatId) {
        return channels.values().stream().filter(p -> p.discussionChatId() == chatId).findFirst();
    }

    private Optional<Prepared> discussionOfSupergroup(long supergroupId) {
        return channels.values().stream().filter(p -> p.discussionSupergroupId() == supergroupId).findFirst();
    }
}
