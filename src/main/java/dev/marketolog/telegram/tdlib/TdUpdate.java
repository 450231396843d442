package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.tdlib.TdObject.ChatMember;
import dev.marketolog.telegram.tdlib.TdObject.ChatPermissions;
import dev.marketolog.telegram.tdlib.TdObject.Message;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue;
import dev.marketolog.telegram.tdlib.TdObject.Supergroup;
import dev.marketolog.telegram.tdlib.TdObject.SupergroupFullInfo;
import dev.marketolog.telegram.tdlib.TdObject.TdError;
import java.util.List;

/** The TDLib updates we act on; every other update is dropped before decoding. */
public sealed interface TdUpdate {

    record UpdateAuthorizationState(AuthorizationState authorizationState) implements TdUpdate {}

    record UpdateConnectionState(ConnectionState state) implements TdUpdate {}

    record UpdateOption(String name, OptionValue value) implements TdUpdate {}

    record UpdateNewMessage(Message message) implements TdUpdate {}

    record UpdateMessageSendSucceeded(Message message, long oldMessageId) implements TdUpdate {}

    record UpdateMessageSendFailed(Message message, long oldMessageId, TdError error) implements TdUpdate {}

    record UpdateDeleteMessages(long chatId, List<Long> messageIds, boolean isPermanent, boolean fromCache) implements TdUpdate {
        public UpdateDeleteMessages {
            messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        }
    }

    record UpdateChatMember(long chatId, ChatMember newChatMember) implements TdUpdate {}

    record UpdateChatPermissions(long chatId, ChatPermissions permissions) implements TdUpdate {}

    record UpdateSupergroup(Supergroup supergroup) implements TdUpdate {}

    record UpdateSupergroupFullInfo(long supergroupId, SupergroupFullInfo supergroupFullInfo) implements TdUpdate {}
}
