package dev.marketolog.telegram.tdlib;

import static dev.marketolog.telegram.tdlib.TdJsonMapperTest.message;
import static dev.marketolog.telegram.tdlib.TdJsonMapperTest.photo;
import static dev.marketolog.telegram.tdlib.TdJsonMapperTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError.ChannelClosed;
import dev.marketolog.telegram.TelegramError.FloodWait;
import dev.marketolog.telegram.TelegramError.PostGone;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.telegram.tdlib.ScriptedTransport.Sent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The port on a scripted TDLib: the requests it makes and what it makes of TDLib's answers and updates. */
class TdlibTelegramTest {

    static final long CHANNEL = -1001000000001L;
    static final long DISCUSSION = -1002000000002L;
    static final long POST = 3145728;
    static final long THREAD = 1048576;
    static final String PENDING = ",\"sending_state\":{\"@type\":\"messageSendingStatePending\",\"sending_id\":0}";

    private final ScriptedTransport transport = new ScriptedTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TdRuntime runtime = new TdRuntime(transport, scheduler);
    private final AtomicReference<TdlibTelegram> telegramRef = new AtomicReference<>();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(180);
    private final TdlibTelegram telegram = telegram(SEND_TIMEOUT);

    private TdlibTelegram telegram(Duration sendTimeout) {
        TdClient client = runtime.newClient(update -> telegramRef.get().onUpdate(update));
        TdlibTelegram port = new TdlibTelegram(client, sendTimeout, InstantSource.system(), scheduler);
        telegramRef.set(port);
        return port;
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private void answer(String type, String json) {
        transport.answer(transport.nextSent(type), json);
    }

    private void answerThread() {
        Sent request = transport.nextSent("getMessageThread");
        assertThat(request.request().path("chat_id").asLong()).isEqualTo(CHANNEL);
        assertThat(request.request().path("message_id").asLong()).isEqualTo(POST);
        transport.answer(request, "{\"@type\":\"messageThreadInfo\",\"chat_id\":" + DISCUSSION + ",\"message_thread_id\":" + THREAD
                + ",\"unread_message_count\":0,\"messages\":[" + message(THREAD, DISCUSSION, text("post copy"), "") + "]}");
    }

    /** Answers sendMessage with a pending message of id 100 and returns the request. */
    private Sent answerPendingSend() {
        Sent send = transport.nextSent("sendMessage");
        transport.answer(send, message(100, DISCUSSION, text("comment"), PENDING));
        return send;
    }

    private CompletableFuture<SendResult> commentAsync() {
        return CompletableFuture.supplyAsync(() -> telegramRef.get().comment(new PostKey(CHANNEL, POST), "Good point."),
                command -> Thread.ofVirtual().start(command));
    }

    @Test
    void aCommentGoesIntoThePostsThreadReplyingToItsFirstMessageAndIsSentOnSucceeded() throws Exception {
        var result = commentAsync();
        answerThread();
        Sent send = answerPendingSend();
        transport.update(1, "{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + message(200, DISCUSSION, text("comment"), "")
                + ",\"old_message_id\":100}");
        Sent link = transport.nextSent("getMessageLink");
        transport.answer(link, "{\"@type\":\"messageLink\",\"link\":\"https://t.me/c/1234/200?thread=" + THREAD + "\",\"is_public\":false}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(new SendResult.Sent(DISCUSSION, 200, Instant.ofEpochSecond(1764064800),
                java.util.Optional.of("https://t.me/c/1234/200?thread=" + THREAD)));
        assertThat(link.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(link.request().path("message_id").asLong()).isEqualTo(200);
        assertThat(link.request().path("in_message_thread").asBoolean()).as("the link of a comment in its thread").isTrue();
        assertThat(send.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(send.request().path("topic_id").path("@type").asText()).isEqualTo("messageTopicThread");
        assertThat(send.request().path("topic_id").path("message_thread_id").asLong()).isEqualTo(THREAD);
        assertThat(send.request().path("reply_to").path("message_id").asLong()).isEqualTo(THREAD);
        assertThat(send.request().path("input_message_content").path("text").path("text").asText()).isEqualTo("Good point.");
    }

    @Test
    void aSendFailedUpdateIsOneFailureWithItsMappedError() throws Exception {
        var result = commentAsync();
        answerThread();
        answerPendingSend();
        transport.update(1, "{\"@type\":\"updateMessageSendFailed\",\"message\":" + message(101, DISCUSSION, text("comment"), "")
                + ",\"old_message_id\":100,\"error\":{\"@type\":\"error\",\"code\":429,\"message\":\"Too Many Requests: retry after 120\"}}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(new SendResult.Failed(new FloodWait(Duration.ofSeconds(120)), true));
    }

    @Test
    void aSendStillPendingAfterTheTimeoutIsDeletedAndUnknown() throws Exception {
        var result = commentAsync();
        answerThread();
        answerPendingSend();
        await().until(() -> scheduler.hasPending(SEND_TIMEOUT));
        scheduler.advance(SEND_TIMEOUT);
        Sent delete = transport.nextSent("deleteMessages");
        transport.answer(delete, "{\"@type\":\"ok\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(SendResult.Unknown.class);
        assertThat(delete.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(delete.request().path("message_ids").get(0).asLong()).isEqualTo(100);
        assertThat(delete.request().path("revoke").asBoolean()).isTrue();
    }

    @Test
    void aSendInterruptedWhilePendingIsDeletedAsOnTheTimeoutAndTheInterruptKept() throws Exception {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            result.complete(telegramRef.get().comment(new PostKey(CHANNEL, POST), "Good point."));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        answerThread();
        answerPendingSend();
        // the account lost its lease while the comment is pending (waiting for its outcome): it is withdrawn at once
        await().atMost(Duration.ofSeconds(30)).until(() -> caller.getState() == Thread.State.WAITING);
        caller.interrupt();
        Sent delete = transport.nextSent("deleteMessages");
        transport.answer(delete, "{\"@type\":\"ok\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(SendResult.Unknown.class);
        assertThat(delete.request().path("message_ids").get(0).asLong()).isEqualTo(100);
        caller.join();
        assertThat(interruptKept).isTrue();
    }

    @Test
    void tdlibsOwnRefusalOfASendNeverReachedTheServer() throws Exception {
        var result = commentAsync();
        answerThread();
        answer("sendMessage", "{\"@type\":\"error\",\"code\":400,\"message\":\"Have no write access to the chat\"}");

        assertThat(result.get(60, TimeUnit.SECONDS))
                .isEqualTo(new SendResult.Failed(new ChannelClosed("Have no write access to the chat"), false));
    }

    @Test
    void aPostWithoutCommentsIsPostGone() throws Exception {
        var result = commentAsync();
        answer("getMessageThread", "{\"@type\":\"error\",\"code\":400,\"message\":\"Message has no comments\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(new SendResult.Failed(new PostGone("Message has no comments"), false));
    }

    @Test
    void guestSendForbiddenJoinsTheGroupOnceThenSends() throws Exception {
        var result = commentAsync();
        answerThread();
        answer("sendMessage", "{\"@type\":\"error\",\"code\":403,\"message\":\"CHAT_GUEST_SEND_FORBIDDEN\"}");
        Sent join = transport.nextSent("joinChat");
        transport.answer(join, "{\"@type\":\"chatJoinResultSuccess\",\"chat_id\":" + DISCUSSION + "}");
        answerPendingSend();
        transport.update(1, "{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + message(201, DISCUSSION, text("c"), "")
                + ",\"old_message_id\":100}");
        answer("getMessageLink", "{\"@type\":\"error\",\"code\":400,\"message\":\"Message links are available only for messages in supergroups\"}");

        assertThat(join.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void aJoinRequestWaitingForApprovalClosesTheChannelWithThatReason() throws Exception {
        var result = commentAsync();
        answerThread();
        answer("sendMessage", "{\"@type\":\"error\",\"code\":403,\"message\":\"CHAT_GUEST_SEND_FORBIDDEN\"}");
        answer("joinChat", "{\"@type\":\"chatJoinResultRequestSent\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo(new ChannelClosed("asked to join the discussion group; an admin has to approve it")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"@type\":\"chatJoinResultDeclined\"} | the discussion group declined our request to join",
            "{\"@type\":\"chatJoinResultGuardBotApprovalRequired\",\"bot_user_id\":7,\"url\":{\"@type\":\"webAppUrl\",\"url\":\"https://t.me/guard\"},\"query_id\":\"9\"} | the discussion group's guard bot has to approve joining"})
    void aJoinThatIsDeclinedOrNeedsAGuardBotClosesTheChannelWithThatReason(String joinResult, String reason) throws Exception {
        var result = commentAsync();
        answerThread();
        answer("sendMessage", "{\"@type\":\"error\",\"code\":403,\"message\":\"CHAT_GUEST_SEND_FORBIDDEN\"}");
        answer("joinChat", joinResult);

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo(new ChannelClosed(reason)));
    }

    private CompletableFuture<List<Channel>> prepareAsync(boolean joinToSend, int slowMode) {
        var channels = CompletableFuture.supplyAsync(() -> telegram.prepare(List.of(CHANNEL)), command -> Thread.ofVirtual().start(command));
        answer("loadChats", "{\"@type\":\"error\",\"code\":404,\"message\":\"Not Found\"}");
        answer("getChat", "{\"@type\":\"chat\",\"id\":" + CHANNEL + ",\"type\":{\"@type\":\"chatTypeSupergroup\",\"supergroup_id\":1000000001,"
                + "\"is_channel\":true},\"title\":\"News\"}");
        answer("openChat", "{\"@type\":\"ok\"}");
        answer("getSupergroupFullInfo", "{\"@type\":\"supergroupFullInfo\",\"linked_chat_id\":" + DISCUSSION + ",\"slow_mode_delay\":0}");
        answer("getChat", "{\"@type\":\"chat\",\"id\":" + DISCUSSION + ",\"type\":{\"@type\":\"chatTypeSupergroup\",\"supergroup_id\":2000000002,"
                + "\"is_channel\":false},\"title\":\"News chat\"}");
        answer("getSupergroup", "{\"@type\":\"supergroup\",\"id\":2000000002,\"status\":{\"@type\":\"chatMemberStatusLeft\"},"
                + "\"join_to_send_messages\":" + joinToSend + ",\"is_channel\":false}");
        answer("getSupergroupFullInfo", "{\"@type\":\"supergroupFullInfo\",\"linked_chat_id\":" + CHANNEL + ",\"slow_mode_delay\":" + slowMode + "}");
        answer("openChat", "{\"@type\":\"ok\"}");
        return channels;
    }

    @Test
    void prepareResolvesTheDiscussionGroupAndItsSlowMode() throws Exception {
        List<Channel> channels = prepareAsync(false, 30).get(60, TimeUnit.SECONDS);

        assertThat(channels).containsExactly(new Channel(CHANNEL, "News", java.util.Optional.of(DISCUSSION), Duration.ofSeconds(30),
                java.util.Optional.empty()));
    }

    @Test
    void aGroupThatRequiresJoiningIsJoinedBeforeTheFirstSend() throws Exception {
        prepareAsync(true, 0).get(60, TimeUnit.SECONDS);
        var result = commentAsync();
        answerThread();
        answer("joinChat", "{\"@type\":\"chatJoinResultSuccess\",\"chat_id\":" + DISCUSSION + "}");
        answerPendingSend();
        transport.update(1, "{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + message(202, DISCUSSION, text("c"), "")
                + ",\"old_message_id\":100}");
        answer("getMessageLink", "{\"@type\":\"error\",\"code\":400,\"message\":\"Message links are available only for messages in supergroups\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void retryAfterInASlowModeGroupIsSlowMode() throws Exception {
        prepareAsync(false, 60).get(60, TimeUnit.SECONDS);
        var result = commentAsync();
        answerThread();
        answer("sendMessage", "{\"@type\":\"error\",\"code\":429,\"message\":\"Too Many Requests: retry after 42\"}");

        assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(SendResult.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo(new dev.marketolog.telegram.TelegramError.SlowMode(Duration.ofSeconds(42))));
    }

    @Test
    void newPostsOfPreparedChannelsReachTheListenerWithAlbumsFolded() throws Exception {
        prepareAsync(false, 0).get(60, TimeUnit.SECONDS);
        var posts = new LinkedBlockingQueue<Post>();
        telegram.listen(new TelegramListener() {
            @Override
            public void newPost(Post post) {
                posts.add(post);
            }
        });
        String album = "\"media_album_id\":\"777\"";
        transport.update(1, "{\"@type\":\"updateNewMessage\",\"message\":" + message(11, CHANNEL, photo(""), "").replace("\"media_album_id\":\"0\"", album) + "}");
        transport.update(1, "{\"@type\":\"updateNewMessage\",\"message\":" + message(10, CHANNEL, photo("Trip"), "").replace("\"media_album_id\":\"0\"", album) + "}");
        transport.update(1, "{\"@type\":\"updateNewMessage\",\"message\":" + message(9, -100999, text("not allowlisted"), "") + "}");
        transport.update(1, "{\"@type\":\"updateNewMessage\",\"message\":" + message(12, CHANNEL, text("Single"), "") + "}");

        // updates are handled in order: once the single post is in, the others were seen, and the album waits to settle
        await().until(() -> !posts.isEmpty());
        assertThat(posts).containsExactly(new Post(CHANNEL, 12, Instant.ofEpochSecond(1764064800), "Single"));
        posts.clear();
        scheduler.advance(TdlibTelegram.ALBUM_SETTLE);
        assertThat(posts).containsExactly(new Post(CHANNEL, 10, Instant.ofEpochSecond(1764064800), "Trip"));
    }

    /** The adapter keeps no list of our comments (a restart would forget it): every deletion in a watched group is told. */
    @Test
    void permanentDeletionsInAWatchedDiscussionGroupAreReportedWithTheirChannel() throws Exception {
        prepareAsync(false, 0).get(60, TimeUnit.SECONDS);
        var deleted = new LinkedBlockingQueue<String>();
        telegram.listen(new TelegramListener() {
            @Override
            public void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
                deleted.add(channelId + "/" + discussionChatId + "/" + messageId);
            }

            @Override
            public void newPost(Post post) {
                deleted.add("end");
            }
        });
        transport.update(1, "{\"@type\":\"updateDeleteMessages\",\"chat_id\":" + DISCUSSION + ",\"message_ids\":[299,300],"
                + "\"is_permanent\":true,\"from_cache\":false}");
        transport.update(1, "{\"@type\":\"updateDeleteMessages\",\"chat_id\":" + DISCUSSION + ",\"message_ids\":[301],"
                + "\"is_permanent\":false,\"from_cache\":false}");
        transport.update(1, "{\"@type\":\"updateDeleteMessages\",\"chat_id\":" + DISCUSSION + ",\"message_ids\":[302],"
                + "\"is_permanent\":true,\"from_cache\":true}");
        transport.update(1, "{\"@type\":\"updateDeleteMessages\",\"chat_id\":-100777,\"message_ids\":[303],"
                + "\"is_permanent\":true,\"from_cache\":false}");
        transport.update(1, "{\"@type\":\"updateNewMessage\",\"message\":" + message(12, CHANNEL, text("marks the end"), "") + "}");

        await().until(() -> deleted.contains("end"));
        assertThat(deleted).containsExactly(CHANNEL + "/" + DISCUSSION + "/299", CHANNEL + "/" + DISCUSSION + "/300", "end");
    }
}
