package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Optional;

/**
 * The TDLib objects we read, decoded by {@code @type} (see {@link TdJsonMapper}); only the fields we use. A record's
 * name is the TDLib type's name with a capital first letter; fields are the snake_case names of td_api.tl.
 */
public sealed interface TdObject {

    record Ok() implements TdObject {}

    /** TDLib's {@code error}: a refusal of a request, or the reason a message was not sent. */
    @JsonTypeName("error")
    record TdError(int code, String message) implements TdObject {
        public TdError {
            message = message == null ? "" : message;
        }

        @Override
        public String toString() {
            return code + " " + message;
        }
    }

    record FormattedText(String text) {
        public FormattedText {
            text = text == null ? "" : text;
        }
    }

    /** The content of a message; the kinds whose text we read, anything else is {@code null} after decoding. */
    sealed interface MessageContent {
        /** The text a post carries: its text or its media caption. */
        FormattedText body();

        record MessageText(FormattedText text) implements MessageContent {
            public FormattedText body() {
                return text;
            }
        }

        /** Media whose text is its caption. */
        sealed interface Captioned extends MessageContent {
            FormattedText caption();

            default FormattedText body() {
                return caption();
            }
        }

        record MessagePhoto(FormattedText caption) implements Captioned {}

        record MessageVideo(FormattedText caption) implements Captioned {}

        record MessageDocument(FormattedText caption) implements Captioned {}

        record MessageAnimation(FormattedText caption) implements Captioned {}

        record MessageAudio(FormattedText caption) implements Captioned {}
    }

    sealed interface MessageSender {
        record MessageSenderUser(long userId) implements MessageSender {}

        record MessageSenderChat(long chatId) implements MessageSender {}
    }

    sealed interface MessageSendingState {
        record MessageSendingStatePending() implements MessageSendingState {}

        record MessageSendingStateFailed(TdError error, boolean canRetry, double retryAfter) implements MessageSendingState {}
    }

    /** The kind of a reaction; only the paid one matters to us (its count is Telegram Stars, not people). */
    sealed interface ReactionType {
        record ReactionTypeEmoji(String emoji) implements ReactionType {}

        record ReactionTypeCustomEmoji(long customEmojiId) implements ReactionType {}

        record ReactionTypePaid() implements ReactionType {}
    }

    record MessageReaction(ReactionType type, int totalCount) {}

    record MessageReactions(List<MessageReaction> reactions) {
        public MessageReactions {
            reactions = reactions == null ? List.of() : reactions.stream().filter(r -> r != null).toList();
        }
    }

    /** A message's views, forwards, replies and reactions; {@code reactions} may be null. */
    record MessageInteractionInfo(MessageReactions reactions) {}

    /** What a message replies to; only replies to messages are modelled, a reply to a story decodes to null. */
    sealed interface MessageReplyTo {
        /** {@code chatId} is 0 (and {@code messageId} may be) when the replied message is in a chat we do not know. */
        record MessageReplyToMessage(long chatId, long messageId) implements MessageReplyTo {}
    }

    record Message(
            long id,
            long chatId,
            MessageSender senderId,
            MessageSendingState sendingState,
            boolean isOutgoing,
            boolean isChannelPost,
            long date,
            MessageInteractionInfo interactionInfo,
            MessageReplyTo replyTo,
            long mediaAlbumId,
            MessageContent content)
            implements TdObject {

        /** Its text or media caption; empty for other kinds of content. */
        public String text() {
            return content == null || content.body() == null ? "" : content.body().text();
        }

        /**
         * The people's reactions to it, every free kind summed. The paid reaction is left out: its count is Telegram Stars, not
         * reactions, and it exists only on channel posts, never on a comment in a discussion group.
         */
        public int reactionCount() {
            if (interactionInfo == null || interactionInfo.reactions() == null) {
                return 0;
            }
            return interactionInfo.reactions().reactions().stream()
                    .filter(r -> !(r.type() instanceof ReactionType.ReactionTypePaid))
                    .mapToInt(MessageReaction::totalCount).sum();
        }

        /**
         * Whether it replies to message {@code messageId} of {@code chatId}; a chat id of 0 (TDLib's "a chat we do not know")
         * is taken as this chat, since a reply in a thread is read from that thread's chat.
         */
        public boolean repliesTo(long chatId, long messageId) {
            return replyTo instanceof MessageReplyTo.MessageReplyToMessage(long repliedChat, long repliedMessage)
                    && repliedMessage == messageId && (repliedChat == chatId || repliedChat == 0);
        }
    }

    record Messages(int totalCount, List<Message> messages) implements TdObject {
        public Messages {
            messages = messages == null ? List.of() : messages.stream().filter(m -> m != null).toList();
        }
    }

    sealed interface ChatType {
        record ChatTypePrivate() implements ChatType {}

        record ChatTypeBasicGroup() implements ChatType {}

        record ChatTypeSupergroup(long supergroupId, boolean isChannel) implements ChatType {}

        record ChatTypeSecret() implements ChatType {}
    }

    record ChatPermissions(boolean canSendBasicMessages) {}

    record Chat(long id, ChatType type, String title, ChatPermissions permissions) implements TdObject {
        /** The supergroup or channel behind this chat, if it is one. */
        public Optional<ChatType.ChatTypeSupergroup> supergroup() {
            return type instanceof ChatType.ChatTypeSupergroup s ? Optional.of(s) : Optional.empty();
        }
    }

    /** Our standing in a chat. */
    sealed interface ChatMemberStatus {
        record ChatMemberStatusCreator() implements ChatMemberStatus {}

        record ChatMemberStatusAdministrator() implements ChatMemberStatus {}

        record ChatMemberStatusMember() implements ChatMemberStatus {}

        record ChatMemberStatusRestricted(boolean isMember, ChatPermissions permissions) implements ChatMemberStatus {}

        record ChatMemberStatusLeft() implements ChatMemberStatus {}

        record ChatMemberStatusBanned(long bannedUntilDate) implements ChatMemberStatus {}
    }

    record ChatMember(MessageSender memberId, ChatMemberStatus status) implements TdObject {}

    record Supergroup(long id, ChatMemberStatus status, boolean joinToSendMessages, boolean isChannel) implements TdObject {}

    record SupergroupFullInfo(long linkedChatId, int slowModeDelay) implements TdObject {}

    record MessageThreadInfo(long chatId, long messageThreadId, List<Message> messages) implements TdObject {
        public MessageThreadInfo {
            messages = messages == null ? List.of() : messages.stream().filter(m -> m != null).toList();
        }
    }

    sealed interface ChatJoinResult extends TdObject {
        record ChatJoinResultSuccess(long chatId) implements ChatJoinResult {}

        record ChatJoinResultRequestSent() implements ChatJoinResult {}

        record ChatJoinResultGuardBotApprovalRequired(long botUserId) implements ChatJoinResult {}

        record ChatJoinResultDeclined() implements ChatJoinResult {}
    }

    sealed interface OptionValue extends TdObject {
        record OptionValueBoolean(boolean value) implements OptionValue {}

        record OptionValueEmpty() implements OptionValue {}

        record OptionValueInteger(long value) implements OptionValue {}

        record OptionValueString(String value) implements OptionValue {}
    }

    record AddedProxy(int id, boolean isEnabled) implements TdObject {}

    /** An https link to a message ({@code getMessageLink}). */
    record MessageLink(String link, boolean isPublic) implements TdObject {}
}
