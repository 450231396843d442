package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.tdlib.TdObject.Chat;
import dev.marketolog.telegram.tdlib.TdObject.ChatJoinResult;
import dev.marketolog.telegram.tdlib.TdObject.Message;
import dev.marketolog.telegram.tdlib.TdObject.MessageThreadInfo;
import dev.marketolog.telegram.tdlib.TdObject.Messages;
import dev.marketolog.telegram.tdlib.TdObject.Ok;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue;
import dev.marketolog.telegram.tdlib.TdObject.Supergroup;
import dev.marketolog.telegram.tdlib.TdObject.SupergroupFullInfo;
import java.util.List;

/**
 * The TDLib requests we send, as records encoded with their {@code @type}; {@code R} is the answer's type.
 *
 * @param <R> what TDLib answers with
 */
public sealed interface TdFunction<R extends TdObject> {

    record SetTdlibParameters(
            boolean useTestDc,
            String databaseDirectory,
            String filesDirectory,
            byte[] databaseEncryptionKey,
            boolean useFileDatabase,
            boolean useChatInfoDatabase,
            boolean useMessageDatabase,
            boolean useSecretChats,
            int apiId,
            String apiHash,
            String systemLanguageCode,
            String deviceModel,
            String systemVersion,
            String applicationVersion)
            implements TdFunction<Ok> {
        @Override
        public String toString() {
            // api_hash and the encryption key never reach a log line
            return "SetTdlibParameters[databaseDirectory=" + databaseDirectory + ", apiId=" + apiId + "]";
        }
    }

    record SetLogVerbosityLevel(int newVerbosityLevel) implements TdFunction<Ok> {}

    sealed interface LogStream {
        record LogStreamEmpty() implements LogStream {}
    }

    record SetLogStream(LogStream logStream) implements TdFunction<Ok> {}

    record GetOption(String name) implements TdFunction<OptionValue> {}

    record SetAuthenticationPhoneNumber(String phoneNumber) implements TdFunction<Ok> {}

    record CheckAuthenticationCode(String code) implements TdFunction<Ok> {
        @Override
        public String toString() {
            return "CheckAuthenticationCode[****]";
        }
    }

    record CheckAuthenticationPassword(String password) implements TdFunction<Ok> {
        @Override
        public String toString() {
            return "CheckAuthenticationPassword[****]";
        }
    }

    record RequestQrCodeAuthentication(List<Long> otherUserIds) implements TdFunction<Ok> {}

    record LogOut() implements TdFunction<Ok> {}

    record Close() implements TdFunction<Ok> {}

    sealed interface ProxyType {
        record ProxyTypeSocks5(String username, String password) implements ProxyType {
            @Override
            public String toString() {
                return "ProxyTypeSocks5[username=" + username + ", password=****]";
            }
        }
    }

    record Proxy(String server, int port, ProxyType type) {}

    record AddProxy(Proxy proxy, boolean enable, String comment) implements TdFunction<TdObject.AddedProxy> {}

    sealed interface ChatList {
        record ChatListMain() implements ChatList {}
    }

    record LoadChats(ChatList chatList, int limit) implements TdFunction<Ok> {}

    record GetChat(long chatId) implements TdFunction<Chat> {}

    record SearchPublicChat(String username) implements TdFunction<Chat> {}

    record OpenChat(long chatId) implements TdFunction<Ok> {}

    record GetSupergroup(long supergroupId) implements TdFunction<Supergroup> {}

    record GetSupergroupFullInfo(long supergroupId) implements TdFunction<SupergroupFullInfo> {}

    record GetChatHistory(long chatId, long fromMessageId, int offset, int limit, boolean onlyLocal) implements TdFunction<Messages> {}

    /** One message; TDLib answers 404 "Message not found" when it is gone or was never there. */
    record GetMessage(long chatId, long messageId) implements TdFunction<Message> {}

    record GetMessageThread(long chatId, long messageId) implements TdFunction<MessageThreadInfo> {}

    record GetMessageThreadHistory(long chatId, long messageId, long fromMessageId, int offset, int limit)
            implements TdFunction<Messages> {}

    record JoinChat(long chatId) implements TdFunction<ChatJoinResult> {}

    /** With the account's own user id: its Saved Messages. */
    record CreatePrivateChat(long userId, boolean force) implements TdFunction<Chat> {}

    sealed interface MessageTopic {
        record MessageTopicThread(long messageThreadId) implements MessageTopic {}
    }

    sealed interface InputMessageReplyTo {
        record InputMessageReplyToMessage(long messageId) implements InputMessageReplyTo {}
    }

    sealed interface InputMessageContent {
        record InputMessageText(TdObject.FormattedText text, boolean clearDraft) implements InputMessageContent {}
    }

    record SendMessage(long chatId, MessageTopic topicId, InputMessageReplyTo replyTo, InputMessageContent inputMessageContent)
            implements TdFunction<Message> {}

    /** A message's https link; {@code inMessageThread}: as a comment in its post's thread. An offline method. */
    record GetMessageLink(long chatId, long messageId, int mediaTimestamp, int checklistTaskId, String pollOptionId,
            boolean forAlbum, boolean inMessageThread) implements TdFunction<TdObject.MessageLink> {
        static GetMessageLink comment(long chatId, long messageId) {
            return new GetMessageLink(chatId, messageId, 0, 0, "", false, true);
        }
    }

    record DeleteMessages(long chatId, List<Long> messageIds, boolean revoke) implements TdFunction<Ok> {}
}
