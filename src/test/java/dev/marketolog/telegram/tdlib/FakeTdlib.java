package dev.marketolog.telegram.tdlib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for libtdjson that answers the requests the adapter makes from a small world of channels, as TDLib 1.8.65
 * would (same objects, same error messages): an open channel with posts and an album, and a channel whose discussion
 * group has banned the account. Sends succeed through updateMessageSendSucceeded like TDLib's.
 */
final class FakeTdlib extends QueuedTransport {

    static final long OPEN = -1001000000001L;
    static final long OPEN_GROUP = -1001000000002L;
    static final long CLOSED = -1001000000003L;
    static final long CLOSED_GROUP = -1001000000004L;
    static final long UNKNOWN = -1001000000009L;
    static final long ALBUM_FIRST = 2;
    static final int ALBUM_PARTS = 3;
    private static final long ALBUM_ID = 77;
    private static final long THREAD_BASE = 1000;
    private static final long DATE = 1764064800;

    /** A channel post: its id, when, its text, and its album (0 for none). */
    private record Post(long id, long date, String text, long albumId) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Updates TDLib sends right after the answer to the request that caused them. */
    private final BlockingQueue<String> afterAnswer = new LinkedBlockingQueue<>();
    private final AtomicLong nextMessageId = new AtomicLong(5000);
    private final Map<Long, List<Post>> posts = Map.of(
            OPEN, List.of(new Post(1, DATE, "First post", 0), new Post(2, DATE + 60, "Album caption", ALBUM_ID),
                    new Post(3, DATE + 60, "", ALBUM_ID), new Post(4, DATE + 60, "", ALBUM_ID), new Post(5, DATE + 120, "Newest", 0)),
            CLOSED, List.of(new Post(1, DATE, "Closed post", 0)));
    /** Comments per discussion thread (discussion chat id * 1e6 + thread id), oldest first. */
    private final Map<Long, List<String>> comments = new ConcurrentHashMap<>();
    /** The comments sent, by their message id (in the open discussion group): the thread key and the text. */
    private final Map<Long, Map.Entry<Long, String>> sent = new ConcurrentHashMap<>();

    @Override
    public void send(int clientId, String text) {
        JsonNode request;
        try {
            request = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the adapter sent JSON that does not parse: " + text, e);
        }
        String answer = answer(clientId, request);
        ObjectNode node = (ObjectNode) parse(answer);
        node.set("@extra", request.get("@extra"));
        node.put("@client_id", clientId);
        deliver(node.toString());
        for (String update = afterAnswer.poll(); update != null; update = afterAnswer.poll()) {
            deliver(update);
        }
    }

    private String answer(int clientId, JsonNode r) {
        long chatId = r.path("chat_id").asLong();
        return switch (r.path("@type").asText()) {
            case "getOption" -> "{\"@type\":\"optionValueString\",\"value\":\"1.8.65\"}";
            case "loadChats" -> error(404, "Not Found");
            case "getChat" -> chat(chatId);
            case "openChat", "deleteMessages" -> known(chatId) ? "{\"@type\":\"ok\"}" : error(400, "Chat not found");
            case "getSupergroupFullInfo" -> fullInfo(r.path("supergroup_id").asLong());
            case "getSupergroup" -> supergroup(r.path("supergroup_id").asLong());
            case "getChatHistory" -> history(chatId, r.path("from_message_id").asLong(), r.path("limit").asInt());
            case "getMessageThread" -> thread(chatId, r.path("message_id").asLong());
            case "getMessageThreadHistory" -> threadHistory(chatId, r.path("message_id").asLong(), r.path("limit").asInt());
            case "getMessage" -> sentMessage(chatId, r.path("message_id").asLong());
            case "joinChat" -> "{\"@type\":\"chatJoinResultSuccess\",\"chat_id\":" + chatId + "}";
            case "sendMessage" -> sendMessage(clientId, r);
            default -> error(400, "the fake does not know " + r.path("@type").asText());
        };
    }

    private static boolean known(long chatId) {
        return chatId == OPEN || chatId == OPEN_GROUP || chatId == CLOSED || chatId == CLOSED_GROUP;
    }

    /** The supergroup id behind a chat id: -100XXXXXXXXXX is supergroup XXXXXXXXXX. */
    private static long supergroupOf(long chatId) {
        return -chatId - 1_000_000_000_000L;
    }

    private static long chatOf(long supergroupId) {
        return -(supergroupId + 1_000_000_000_000L);
    }

    private static String chat(long chatId) {
        if (!known(chatId)) {
            return error(400, "Chat not found");
        }
        boolean channel = chatId == OPEN || chatId == CLOSED;
        return "{\"@type\":\"chat\",\"id\":" + chatId + ",\"type\":{\"@type\":\"chatTypeSupergroup\",\"supergroup_id\":"
                + supergroupOf(chatId) + ",\"is_channel\":" + channel + "},\"title\":\"Chat " + chatId + "\","
                + "\"permissions\":{\"@type\":\"chatPermissions\",\"can_send_basic_messages\":true}}";
    }

    private static String fullInfo(long supergroupId) {
        long chatId = chatOf(supergroupId);
        long linked = chatId == OPEN ? OPEN_GROUP : chatId == OPEN_GROUP ? OPEN : chatId == CLOSED ? CLOSED_GROUP : CLOSED;
        return "{\"@type\":\"supergroupFullInfo\",\"linked_chat_id\":" + linked + ",\"slow_mode_delay\":0}";
    }

    private static String supergroup(long supergroupId) {
        String status = chatOf(supergroupId) == CLOSED_GROUP
                ? "{\"@type\":\"chatMemberStatusBanned\",\"banned_until_date\":0}" : "{\"@type\":\"chatMemberStatusMember\",\"member_until_date\":0}";
        return "{\"@type\":\"supergroup\",\"id\":" + supergroupId + ",\"status\":" + status + ",\"join_to_send_messages\":false}";
    }

    private String history(long chatId, long from, int limit) {
        if (!known(chatId)) {
            return error(400, "Chat not found");
        }
        List<String> page = new ArrayList<>();
        for (Post post : posts.getOrDefault(chatId, List.of()).reversed()) {
            if ((from == 0 || post.id() < from) && page.size() < limit) {
                page.add(message(chatId, post.id(), post.date(), post.text(), post.albumId(), true, ""));
            }
        }
        return "{\"@type\":\"messages\",\"total_count\":" + page.size() + ",\"messages\":[" + String.join(",", page) + "]}";
    }

    private String thread(long chatId, long messageId) {
        if (!known(chatId)) {
            return error(400, "Chat not found");
        }
        if (posts.getOrDefault(chatId, List.of()).stream().noneMatch(p -> p.id() == messageId)) {
            return error(400, "Message not found");
        }
        long group = chatId == OPEN ? OPEN_GROUP : CLOSED_GROUP;
        long threadId = THREAD_BASE + messageId;
        return "{\"@type\":\"messageThreadInfo\",\"chat_id\":" + group + ",\"message_thread_id\":" + threadId
                + ",\"unread_message_count\":0,\"messages\":[" + message(group, threadId, DATE, "copy", 0, false, "") + "]}";
    }

    /** One of the comments sent; any other message is TDLib's 404 for a message it cannot find. */
    private String sentMessage(long chatId, long messageId) {
        if (!known(chatId)) {
            return error(400, "Chat not found");
        }
        var comment = sent.get(messageId);
        return chatId == OPEN_GROUP && comment != null ? message(chatId, messageId, DATE, comment.getValue(), 0, false, "")
                : error(404, "Not Found");
    }

    /** The thread of a channel post, or (asked with a comment in the discussion group) the thread the comment is in. */
    private String threadHistory(long chatId, long messageId, int limit) {
        if (!known(chatId)) {
            return error(400, "Chat not found");
        }
        boolean ofComment = chatId == OPEN_GROUP && sent.containsKey(messageId);
        long group = chatId == OPEN || ofComment ? OPEN_GROUP : CLOSED_GROUP;
        long thread = ofComment ? sent.get(messageId).getKey() : key(group, THREAD_BASE + messageId);
        List<String> texts = comments.getOrDefault(thread, List.of());
        List<String> page = new ArrayList<>();
        for (int i = texts.size() - 1; i >= 0 && page.size() < limit; i--) {
            page.add(message(group, 9000 + i, DATE, texts.get(i), 0, false, ""));
        }
        return "{\"@type\":\"messages\",\"total_count\":" + page.size() + ",\"messages\":[" + String.join(",", page) + "]}";
    }

    private String sendMessage(int clientId, JsonNode r) {
        long group = r.path("chat_id").asLong();
        if (group == CLOSED_GROUP) {
            return error(400, "Have no write access to the chat");
        }
        if (group != OPEN_GROUP) {
            return error(400, "Chat not found");
        }
        long thread = r.path("topic_id").path("message_thread_id").asLong();
        String text = r.path("input_message_content").path("text").path("text").asText();
        long pending = nextMessageId.getAndIncrement();
        String pendingMessage = message(group, pending, DATE, text, 0, false,
                ",\"sending_state\":{\"@type\":\"messageSendingStatePending\",\"sending_id\":0}");
        comments.computeIfAbsent(key(group, thread), k -> new ArrayList<>()).add(text);
        sent.put(pending + 100_000, Map.entry(key(group, thread), text));
        afterAnswer.add("{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + message(group, pending + 100_000, DATE, text, 0, false, "")
                + ",\"old_message_id\":" + pending + ",\"@client_id\":" + clientId + "}");
        return pendingMessage;
    }

    private static long key(long chatId, long threadId) {
        return chatId * 1_000_000 + threadId;
    }

    private static String message(long chatId, long id, long date, String text, long albumId, boolean channelPost, String extra) {
        String content = albumId == 0
                ? "{\"@type\":\"messageText\",\"text\":{\"@type\":\"formattedText\",\"text\":" + quote(text) + ",\"entities\":[]}}"
                : "{\"@type\":\"messagePhoto\",\"caption\":{\"@type\":\"formattedText\",\"text\":" + quote(text) + ",\"entities\":[]}}";
        return "{\"@type\":\"message\",\"id\":" + id + ",\"chat_id\":" + chatId + ",\"is_channel_post\":" + channelPost
                + ",\"date\":" + date + ",\"media_album_id\":\"" + albumId + "\",\"content\":" + content + extra + "}";
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static String error(int code, String message) {
        return "{\"@type\":\"error\",\"code\":" + code + ",\"message\":" + quote(message) + "}";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
