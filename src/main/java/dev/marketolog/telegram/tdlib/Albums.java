package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.tdlib.TdObject.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns channel messages into posts: the messages of one album (one {@code media_album_id}) become one post. */
final class Albums {

    private Albums() {}

    /** The posts of {@code messages}, newest first; an album is posted under its first message with its caption. */
    static List<Post> fold(long channelId, List<Message> messages) {
        Map<Long, List<Message>> groups = new LinkedHashMap<>();
        for (Message message : messages) {
            long key = message.mediaAlbumId() != 0 ? message.mediaAlbumId() : -message.id() - 1;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        return groups.values().stream()
                .map(parts -> post(channelId, parts))
                .sorted(Comparator.comparingLong(Post::messageId).reversed())
                .toList();
    }

    /** One post from the parts of one album (or a single message). */
    static Post post(long channelId, List<Message> parts) {
        List<Message> ordered = parts.stream().sorted(Comparator.comparingLong(Message::id)).toList();
        Message first = ordered.getFirst();
        String text = ordered.stream().map(Message::text).filter(t -> !t.isBlank()).findFirst().orElse("");
        return new Post(channelId, first.id(), Instant.ofEpochSecond(first.date()), text);
    }
}
