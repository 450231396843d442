package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitOtherDeviceConfirmation;
import dev.marketolog.telegram.tdlib.TdFunction.InputMessageContent.InputMessageText;
import dev.marketolog.telegram.tdlib.TdFunction.InputMessageReplyTo.InputMessageReplyToMessage;
import dev.marketolog.telegram.tdlib.TdFunction.MessageTopic.MessageTopicThread;
import dev.marketolog.telegram.tdlib.TdFunction.SendMessage;
import dev.marketolog.telegram.tdlib.TdObject.Message;
import dev.marketolog.telegram.tdlib.TdObject.MessageSendingState.MessageSendingStateFailed;
import dev.marketolog.telegram.tdlib.TdObject.MessageThreadInfo;
import dev.marketolog.telegram.tdlib.TdObject.TdError;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateAuthorizationState;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateMessageSendFailed;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateMessageSendSucceeded;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateNewMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real shapes of TDLib 1.8.65 JSON, written from td_api.tl, with fields we do not model left in on purpose. */
class TdJsonMapperTest {

    private final TdJsonMapper json = TdJsonMapper.get();

    private Optional<TdUpdate> update(String text) {
        return json.decodeUpdate(json.peek(text).type(), text);
    }

    static String message(long id, long chatId, String content, String extra) {
        return """
                {"@type":"message","id":%d,"sender_id":{"@type":"messageSenderChat","chat_id":%d},"chat_id":%d,
                 "is_outgoing":false,"is_pinned":false,"is_from_offline":false,"can_be_saved":true,"has_timestamped_media":true,
                 "is_channel_post":true,"contains_unread_mention":false,"date":1764064800,"edit_date":0,
                 "interaction_info":{"@type":"messageInteractionInfo","view_count":12,"forward_count":0,
                   "reply_info":{"@type":"messageReplyInfo","reply_count":3,"recent_replier_ids":[],"last_read_inbox_message_id":0,
                     "last_read_outbox_message_id":0,"last_message_id":0}},
                 "unread_reactions":[],"self_destruct_in":0.0,"auto_delete_in":0.0,"via_bot_user_id":0,"author_signature":"",
                 "media_album_id":"0","effect_id":"0","restriction_info":null,"content":%s,"reply_markup":null%s}"""
                .formatted(id, chatId, chatId, content, extra);
    }

    static String text(String text) {
        return """
                {"@type":"messageText","text":{"@type":"formattedText","text":"%s","entities":[
                  {"@type":"textEntity","offset":0,"length":3,"type":{"@type":"textEntityTypeBold"}}]},
                 "link_preview":null,"link_preview_options":null}""".formatted(text);
    }

    static String photo(String caption) {
        return """
                {"@type":"messagePhoto","photo":{"@type":"photo","has_stickers":false,"minithumbnail":null,"sizes":[
                  {"@type":"photoSize","type":"x","photo":{"@type":"file","id":7,"size":51234,"expected_size":51234,
                   "local":{"@type":"localFile","path":"","can_be_downloaded":true},"remote":{"@type":"remoteFile","id":"AgAD","unique_id":"AQAD"}},
                   "width":800,"height":600,"progressive_sizes":[]}]},
                 "caption":{"@type":"formattedText","text":"%s","entities":[]},"show_caption_above_media":false,
                 "has_spoiler":false,"is_secret":false}""".formatted(caption);
    }

    @Test
    void decodesATextMessage() {
        Message message = json.decode(message(2097152, -1001234567890L, text("New post"), ""), Message.class);

        assertThat(message.id()).isEqualTo(2097152);
        assertThat(message.chatId()).isEqualTo(-1001234567890L);
        assertThat(message.isChannelPost()).isTrue();
        assertThat(message.date()).isEqualTo(1764064800);
        assertThat(message.text()).isEqualTo("New post");
    }

    @Test
    void aPhotosCaptionIsItsText() {
        Message message = json.decode(message(1, -100, photo("Look at this"), ""), Message.class);

        assertThat(message.text()).isEqualTo("Look at this");
    }

    @Test
    void albumPartsCarryTheirMediaAlbumIdGivenAsAString() {
        String part = message(3145728, -100, photo(""), "").replace("\"media_album_id\":\"0\"", "\"media_album_id\":\"13576294876127\"");

        assertThat(json.decode(part, Message.class).mediaAlbumId()).isEqualTo(13576294876127L);
    }

    @Test
    void unknownContentDecodesAsNoTextWithoutError() {
        String poll = "{\"@type\":\"messagePoll\",\"poll\":{\"@type\":\"poll\",\"id\":\"1\",\"question\":{\"@type\":\"formattedText\",\"text\":\"?\"}}}";

        Message message = json.decode(message(1, -100, poll, ""), Message.class);

        assertThat(message.content()).isNull();
        assertThat(message.text()).isEmpty();
    }

    @Test
    void decodesMessageThreadInfo() {
        String info = """
                {"@type":"messageThreadInfo","chat_id":-1009876543210,"message_thread_id":4194304,
                 "reply_info":{"@type":"messageReplyInfo","reply_count":2,"recent_replier_ids":[],"last_read_inbox_message_id":0,
                   "last_read_outbox_message_id":0,"last_message_id":5242880},
                 "unread_message_count":0,"messages":[%s],"draft_message":null}"""
                .formatted(message(4194304, -1009876543210L, text("Post copy"), ""));

        MessageThreadInfo thread = json.decode(info, MessageThreadInfo.class);

        assertThat(thread.chatId()).isEqualTo(-1009876543210L);
        assertThat(thread.messageThreadId()).isEqualTo(4194304);
        assertThat(thread.messages()).singleElement().extracting(Message::id).isEqualTo(4194304L);
    }

    @Test
    void decodesSendSucceeded() {
        String update = "{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + message(5242880, -1009876543210L, text("hi"), "")
                + ",\"old_message_id\":5242881}";

        var decoded = update(update).orElseThrow();

        assertThat(decoded).isInstanceOfSatisfying(UpdateMessageSendSucceeded.class, u -> {
            assertThat(u.oldMessageId()).isEqualTo(5242881);
            assertThat(u.message().id()).isEqualTo(5242880);
        });
    }

    @Test
    void decodesSendFailedWithItsErrorAndRetryAfter() {
        String failedState = ",\"sending_state\":{\"@type\":\"messageSendingStateFailed\",\"error\":{\"@type\":\"error\",\"code\":429,"
                + "\"message\":\"Too Many Requests: retry after 120\"},\"can_retry\":true,\"need_another_sender\":false,"
                + "\"need_another_reply_quote\":false,\"need_drop_reply\":false,\"required_paid_message_star_count\":0,\"retry_after\":120.0}";
        String update = "{\"@type\":\"updateMessageSendFailed\",\"message\":" + message(5242881, -100, text("hi"), failedState)
                + ",\"old_message_id\":5242881,\"error\":{\"@type\":\"error\",\"code\":429,\"message\":\"Too Many Requests: retry after 120\"}}";

        var decoded = (UpdateMessageSendFailed) update(update).orElseThrow();

        assertThat(decoded.error()).isEqualTo(new TdError(429, "Too Many Requests: retry after 120"));
        assertThat(decoded.message().sendingState()).isInstanceOfSatisfying(MessageSendingStateFailed.class,
                s -> assertThat(s.retryAfter()).isEqualTo(120.0));
    }

    @Test
    void decodesErrorObjects() {
        assertThat(json.decode("{\"@type\":\"error\",\"code\":400,\"message\":\"Chat not found\",\"@extra\":7}", TdError.class))
                .isEqualTo(new TdError(400, "Chat not found"));
    }

    @Test
    void decodesAuthorizationStatesByType() {
        String update = "{\"@type\":\"updateAuthorizationState\",\"authorization_state\":{\"@type\":\"authorizationStateWaitOtherDeviceConfirmation\","
                + "\"link\":\"tg://login?token=abc\"}}";

        assertThat(update(update)).contains(
                new UpdateAuthorizationState(new AuthorizationStateWaitOtherDeviceConfirmation("tg://login?token=abc")));
    }

    @Test
    void statesAreLabelledByTheirTdlibNameWithoutTheirFamily() {
        assertThat(new AuthorizationState.AuthorizationStateWaitPhoneNumber().label()).isEqualTo("waitPhoneNumber");
        assertThat(new ConnectionState.ConnectionStateWaitingForNetwork().label()).isEqualTo("waitingForNetwork");
    }

    @Test
    void updatesWeDoNotActOnAreNotDecoded() {
        assertThat(update("{\"@type\":\"updateUnreadChatCount\",\"unread_count\":3}")).isEmpty();
    }

    @Test
    void newMessageUpdatesCarryTheMessage() {
        var update = update("{\"@type\":\"updateNewMessage\",\"message\":" + message(9, -100, text("x"), "") + "}");

        assertThat(update).get().isInstanceOfSatisfying(UpdateNewMessage.class, u -> assertThat(u.message().text()).isEqualTo("x"));
    }

    @Test
    void encodesSendMessageIntoAThreadWithTypes() {
        String request = json.encode(new SendMessage(-100, new MessageTopicThread(77), new InputMessageReplyToMessage(77),
                new InputMessageText(new TdObject.FormattedText("Nice"), false)));

        assertThat(request).isEqualTo("{\"@type\":\"sendMessage\",\"chat_id\":-100,"
                + "\"topic_id\":{\"@type\":\"messageTopicThread\",\"message_thread_id\":77},"
                + "\"reply_to\":{\"@type\":\"inputMessageReplyToMessage\",\"message_id\":77},"
                + "\"input_message_content\":{\"@type\":\"inputMessageText\",\"text\":{\"text\":\"Nice\"},\"clear_draft\":false}}");
    }
}
