package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.tdlib.ScriptedTransport.Sent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Feedback on our comments read from a scripted TDLib: the requests made, what is counted, and the read budget, which a
 * flood wait drawn by any read holds back.
 */
class TdlibFeedbackTest {

    private static final long CHANNEL = -1001000000001L;
    private static final long DISCUSSION = -1002000000002L;
    private static final long THREAD = 400;
    private static final PostKey POST = new PostKey(CHANNEL, 3145728);
    private static final OurComment OURS = new OurComment(POST, DISCUSSION, 500);

    private final ScriptedTransport transport = new ScriptedTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TdRuntime runtime = new TdRuntime(transport, scheduler);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T12:00:00Z"));
    private final InstantSource clock = now::get;

    @AfterEach
    void stop() {
        runtime.close();
    }

    private TdlibTelegram telegram(ReadBudget budget) {
        AtomicReference<TdlibTelegram> port = new AtomicReference<>();
        TdClient client = runtime.newClient(update -> port.get().onUpdate(update));
        port.set(new TdlibTelegram(client, Duration.ofSeconds(180), clock, scheduler, budget));
        return port.get();
    }

    private TdlibTelegram telegram() {
        return telegram(new ReadBudget(50, Duration.ofSeconds(2), clock));
    }

    private static CompletableFuture<Map<OurComment, CommentFeedback>> feedbackAsync(TdlibTelegram telegram, OurComment... comments) {
        return CompletableFuture.supplyAsync(() -> telegram.feedback(List.of(comments)), command -> Thread.ofVirtual().start(command));
    }

    /** A message of the discussion group as TDLib 1.8.65 sends it, in the post's thread. */
    private static String message(long id, String replyTo, String reactions, boolean outgoing) {
        return """
                {"@type":"message","id":%d,"sender_id":{"@type":"messageSenderUser","user_id":777},"chat_id":%d,
                 "is_outgoing":%b,"is_pinned":false,"is_from_offline":false,"can_be_saved":true,"has_timestamped_media":true,
                 "is_channel_post":false,"contains_unread_mention":false,"date":1764064800,"edit_date":0,
                 "interaction_info":{"@type":"messageInteractionInfo","view_count":0,"forward_count":0,"reply_info":null,
                   "reactions":{"@type":"messageReactions","reactions":[%s],"are_tags":false,"paid_reactors":[],
                   "can_get_added_reactions":true}},
                 "unread_reactions":[],"reply_to":%s,"topic_id":{"@type":"messageTopicThread","message_thread_id":%d},
                 "self_destruct_in":0.0,"auto_delete_in":0.0,"via_bot_user_id":0,"author_signature":"","media_album_id":"0",
                 "effect_id":"0","restriction_info":null,
                 "content":{"@type":"messageText","text":{"@type":"formattedText","text":"well said","entities":[]},
                   "link_preview":null,"link_preview_options":null},"reply_markup":null}"""
                .formatted(id, DISCUSSION, outgoing, reactions, replyTo, THREAD);
    }

    private static String replyTo(long chatId, long messageId) {
        return """
                {"@type":"messageReplyToMessage","chat_id":%d,"message_id":%d,"quote":null,"checklist_task_id":0,
                 "poll_option_id":"","origin":null,"origin_send_date":0,"content":null}""".formatted(chatId, messageId);
    }

    private static String reply(long id, long toMessage) {
        return message(id, replyTo(DISCUSSION, toMessage), "", false);
    }

    private static String reaction(String type, int count) {
        return """
                {"@type":"messageReaction","type":%s,"total_count":%d,"is_chosen":false,"used_sender_id":null,
                 "recent_sender_ids":[{"@type":"messageSenderUser","user_id":42}]}""".formatted(type, count);
    }

    private static String messages(List<String> newestFirst) {
        return "{\"@type\":\"messages\",\"total_count\":" + newestFirst.size() + ",\"messages\":[" + String.join(",", newestFirst) + "]}";
    }

    private static String error(int code, String message) {
        return "{\"@type\":\"error\",\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    /** Our comment 500 with 3 thumbs up, 2 of a custom emoji and a paid reaction of 50 Stars. */
    private void answerOurComment() {
        Sent get = transport.nextSent();
        assertThat(get.type()).isEqualTo("getMessage");
        assertThat(get.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(get.request().path("message_id").asLong()).isEqualTo(500);
        transport.answer(get, message(500, replyTo(DISCUSSION, THREAD), String.join(",",
                reaction("{\"@type\":\"reactionTypeEmoji\",\"emoji\":\"\uD83D\uDC4D\"}", 3),
                reaction("{\"@type\":\"reactionTypeCustomEmoji\",\"custom_emoji_id\":\"5368324170671202286\"}", 2),
                reaction("{\"@type\":\"reactionTypePaid\"}", 50)), true));
    }

    @Test
    void reactionsAreSummedAndOnlyOtherPeoplesRepliesToOurCommentCount() throws Exception {
        var result = feedbackAsync(telegram(), OURS);
        answerOurComment();
        Sent history = transport.nextSent();
        transport.answer(history, messages(List.of(
                reply(530, 500),
                message(525, replyTo(0, 500), "", false), // TDLib's chat id 0: a reply to message 500 all the same
                reply(520, 510), // to someone else's comment
                message(515, replyTo(DISCUSSION, 500), "", true), // our own answer to ourselves
                reply(510, THREAD), // a comment under the post
                message(500, replyTo(DISCUSSION, THREAD), "", true), // our comment itself
                reply(490, THREAD))));

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(Map.of(OURS, new CommentFeedback(5, 2)));
        assertThat(history.type()).isEqualTo("getMessageThreadHistory");
        assertThat(history.request().path("chat_id").asLong()).isEqualTo(DISCUSSION);
        assertThat(history.request().path("message_id").asLong()).isEqualTo(500);
        assertThat(history.request().path("from_message_id").asLong()).isZero();
        assertThat(history.request().path("limit").asInt()).isEqualTo(100);
        assertThat(transport.sent()).as("the first page reached our comment: no second one").isEmpty();
    }

    @Test
    void theThreadIsReadNewestFirstForTwoPagesAtMost() throws Exception {
        var result = feedbackAsync(telegram(), OURS);
        answerOurComment();
        Sent first = transport.nextSent("getMessageThreadHistory");
        // replies to ours are 850, 801 and 750; the rest are comments under the post
        transport.answer(first, messages(LongStream.iterate(900, id -> id > 800, id -> id - 1).mapToObj(this::threadMessage).toList()));
        Sent second = transport.nextSent("getMessageThreadHistory");
        // TDLib's page starts at from_message_id itself: message 801 comes again and counts once
        transport.answer(second, messages(LongStream.iterate(801, id -> id > 701, id -> id - 1).mapToObj(this::threadMessage).toList()));

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(Map.of(OURS, new CommentFeedback(5, 3)));
        assertThat(second.request().path("from_message_id").asLong()).isEqualTo(801);
        assertThat(transport.sent()).as("two pages, although message 500 is not reached").isEmpty();
    }

    private String threadMessage(long id) {
        return id == 850 || id == 801 || id == 750 ? reply(id, 500) : reply(id, THREAD);
    }

    @Test
    void aCommentThatIsGoneOrInAChatWeLostIsLeftOut() throws Exception {
        OurComment deleted = new OurComment(new PostKey(CHANNEL, 3145729), DISCUSSION, 600);
        OurComment elsewhere = new OurComment(new PostKey(-1001000000005L, 7), -1002000000006L, 70);
        var result = feedbackAsync(telegram(), deleted, elsewhere, OURS);
        transport.answer(transport.nextSent("getMessage"), error(404, "Not Found"));
        transport.answer(transport.nextSent("getMessage"), error(400, "Chat not found"));
        answerOurComment();
        transport.answer(transport.nextSent("getMessageThreadHistory"), messages(List.of(reply(501, 500), reply(499, THREAD))));

        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(Map.of(OURS, new CommentFeedback(5, 1)));
        assertThat(transport.sent()).as("no thread is read for comments that are gone").isEmpty();
    }

    @Test
    void everyReadTakesOneFromTheAccountsReadBudgetAndCommentsUnderOnePostShareTheirThread() throws Exception {
        ReadBudget budget = new ReadBudget(3, Duration.ofSeconds(2), clock);
        OurComment later = new OurComment(POST, DISCUSSION, 520);
        var result = feedbackAsync(telegram(budget), OURS, later);
        answerOurComment();
        Sent second = transport.nextSent("getMessage");
        transport.answer(second, message(520, replyTo(DISCUSSION, THREAD), "", true));
        Sent history = transport.nextSent("getMessageThreadHistory");
        transport.answer(history, messages(List.of(reply(530, 520), reply(525, 500), reply(521, 520), reply(495, THREAD))));

        assertThat(result.get(60, TimeUnit.SECONDS))
                .isEqualTo(Map.of(OURS, new CommentFeedback(5, 1), later, new CommentFeedback(0, 2)));
        assertThat(transport.sent()).isEmpty();
        // three reads (two messages, one page) took the bucket of three: the next read waits a refill
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFloodWaitEndsTheBatchAndHoldsFeedbackBackUntilItIsOver() throws Exception {
        TdlibTelegram telegram = telegram();
        OurComment other = new OurComment(new PostKey(CHANNEL, 3145729), DISCUSSION, 600);
        var result = feedbackAsync(telegram, OURS, other);
        transport.answer(transport.nextSent("getMessage"), error(429, "Too Many Requests: retry after 30"));

        assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(transport.sent()).as("nothing more was read in that batch").isEmpty();

        now.set(now.get().plusSeconds(29));
        assertThat(feedbackAsync(telegram, OURS).get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(transport.sent()).as("still in the flood wait: nothing is asked").isEmpty();

        now.set(now.get().plusSeconds(1));
        var after = feedbackAsync(telegram, OURS);
        answerOurComment();
        transport.answer(transport.nextSent("getMessageThreadHistory"), messages(List.of()));
        assertThat(after.get(60, TimeUnit.SECONDS)).isEqualTo(Map.of(OURS, new CommentFeedback(5, 0)));
    }

    @Test
    void aFloodWaitDrawnByAHistoryReadHoldsEveryReadOfTheAccountBack() throws Exception {
        TdlibTelegram telegram = telegram();
        var posts = CompletableFuture.supplyAsync(() -> telegram.recentPosts(CHANNEL, 5), command -> Thread.ofVirtual().start(command));
        transport.answer(transport.nextSent("getChatHistory"), error(429, "Too Many Requests: retry after 30"));
        assertThat(posts.get(60, TimeUnit.SECONDS)).isEmpty();

        now.set(now.get().plusSeconds(29));
        assertThat(telegram.recentPosts(CHANNEL, 5)).isEmpty();
        assertThat(telegram.commentsUnder(POST, 5)).isEmpty();
        assertThat(feedbackAsync(telegram, OURS).get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(transport.sent()).as("still in the flood wait: nothing is asked").isEmpty();

        now.set(now.get().plusSeconds(1));
        var comments = CompletableFuture.supplyAsync(() -> telegram.commentsUnder(POST, 5), command -> Thread.ofVirtual().start(command));
        transport.answer(transport.nextSent("getMessageThreadHistory"), messages(List.of(reply(700, 500))));
        assertThat(comments.get(60, TimeUnit.SECONDS)).containsExactly("well said");
    }

    @Test
    void aThreadThatCannotBeReadLeavesItsCommentsOutSinceTheirRepliesAreNotKnown() throws Exception {
        var result = feedbackAsync(telegram(), OURS);
        answerOurComment();
        transport.answer(transport.nextSent("getMessageThreadHistory"), error(400, "Message has no thread"));

        assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
    }
}
