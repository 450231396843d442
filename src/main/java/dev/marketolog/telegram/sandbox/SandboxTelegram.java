package dev.marketolog.telegram.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Telegram} port over HTTP to a {@code marketolog sandbox} world on this machine: one account, no session and
 * no login. Updates come through the {@link SandboxLink}'s one long poll for all of the process's accounts. A sandbox
 * that forgot the account (it restarted) is connected again; one that does not answer gives empty reads, and a send that
 * may have reached it is {@link SendResult.Unknown}.
 */
public final class SandboxTelegram implements Telegram, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxTelegram.class);
    private static final ObjectMapper JSON = SandboxJson.mapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final SandboxLink link;
    private final HttpClient http;
    private final URI account;
    private final String name;
    /**
     * The allowlist it connected with and every channel prepared since (an operator may add some while it runs), in that
     * order; guarded by itself.
     */
    private final Set<Long> channels = new LinkedHashSet<>();
    private final String instance;
    private volatile long nextUpdate;
    private volatile TelegramListener listener;
    private volatile boolean closed;

    private SandboxTelegram(SandboxLink link, String name, List<Long> allowlist) {
        this.link = link;
        this.http = link.http();
        this.account = link.sandbox().resolve("/api/accounts/" + name + "/");
        this.name = name;
        this.channels.addAll(allowlist);
        this.instance = link.instance();
    }

    /**
     * Connects {@code account} with its allowlist to the sandbox of {@code link} (its channels appear there). A sandbox
     * that does not answer yet is logged: the account connects with its first request that reaches it.
     */
    public static SandboxTelegram connect(SandboxLink link, String account, List<Long> allowlist) {
        SandboxTelegram telegram = new SandboxTelegram(link, account, allowlist);
        try {
            telegram.connect();
        } catch (IOException e) {
            log.warn("account {}: the sandbox at {} does not answer yet ({}); connecting when it does", account, link.sandbox(), e.toString());
        }
        return telegram;
    }

    private void connect() throws IOException {
        List<Long> allowlist;
        synchronized (channels) {
            allowlist = List.copyOf(channels);
        }
        Answer answer = send(post("connect", Map.of("allowlist", allowlist)));
        if (answer.status() != 200) {
            throw new IOException("connect answered " + answer.status() + ": " + answer.body());
        }
        nextUpdate = answer.json().get("next").asLong();
    }

    @Override
    public List<Channel> prepare(List<Long> channelIds) {
        synchronized (channels) {
            channels.addAll(channelIds); // a sandbox that restarted without its state has them again on the reconnect
        }
        try {
            Answer answer = sendConnected(post("prepare", Map.of("channels", channelIds)));
            List<WireChannel> described = JSON.convertValue(answer.json(), new TypeReference<>() {});
            return described.stream().map(WireChannel::toChannel).toList();
        } catch (IOException e) {
            // Not known now: each channel says so, and the account tries again on its next round.
            TelegramError unreachable = new TelegramError.Unknown(0, "the sandbox does not answer: " + e.getMessage());
            return channelIds.stream().map(id -> new Channel(id, "", Optional.empty(), Duration.ZERO, Optional.of(unreachable))).toList();
        }
    }

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        return readList("channels/" + channelId + "/posts?limit=" + limit, new TypeReference<List<Post>>() {});
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        return readList(postPath(post) + "?limit=" + limit, new TypeReference<List<String>>() {});
    }

    @Override
    public SendResult comment(PostKey post, String text) {
        Answer answer;
        try {
            answer = sendConnected(post(postPath(post), Map.of("text", text)));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new SendResult.Failed(new TelegramError.Unknown(0, "the sandbox does not answer: " + e), false);
        } catch (IOException e) {
            return new SendResult.Unknown("the sandbox's answer was lost: " + e);
        }
        return switch (answer.status()) {
            case 200 -> JSON.convertValue(answer.json(), WireSendResult.class).toResult();
            case 404 -> new SendResult.Failed(new TelegramError.PostGone(answer.json().path("error").asText("Message not found")), true);
            default -> new SendResult.Failed(new TelegramError.Unknown(answer.status(), answer.json().path("error").asText()), true);
        };
    }

    /** The sandbox's simulated feedback; nothing when it does not answer, and only for the comments asked about. */
    @Override
    public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        if (comments.isEmpty()) {
            return Map.of();
        }
        try {
            Answer answer = sendConnected(post("feedback", new WireFeedback.Request(comments.stream().map(WireFeedback.Comment::of).toList())));
            if (answer.status() != 200) {
                log.debug("account {}: feedback answered {}: {}", name, answer.status(), answer.body());
                return Map.of();
            }
            Set<OurComment> asked = new HashSet<>(comments);
            Map<OurComment, CommentFeedback> read = new LinkedHashMap<>();
            for (WireFeedback feedback : JSON.convertValue(answer.json(), new TypeReference<List<WireFeedback>>() {})) {
                OurComment comment = feedback.comment().toComment();
                if (asked.contains(comment)) {
                    read.put(comment, feedback.toFeedback());
                }
            }
            return read;
        } catch (IOException | IllegalArgumentException e) {
            // unreachable, or an answer that does not parse (IllegalArgumentException from convertValue): nothing read
            log.debug("account {}: feedback: {}", name, e.toString());
            return Map.of();
        }
    }

    @Override
    public SendResult saveMessage(String text) {
        try {
            Answer answer = sendConnected(post("saved-messages", Map.of("text", text)));
            return answer.status() == 200 ? JSON.convertValue(answer.json(), WireSendResult.class).toResult()
                    : new SendResult.Failed(new TelegramError.Unknown(answer.status(), answer.json().path("error").asText()), true);
        } catch (IOException e) {
            return new SendResult.Unknown("the sandbox's answer was lost: " + e);
        }
    }

    @Override
    public void listen(TelegramListener listener) {
        this.listener = listener;
        if (!closed) {
            link.listen(this);
        }
    }

    /** Stops the account's updates. */
    @Override
    public void close() {
        closed = true;
        link.forget(this);
    }

    String name() {
        return name;
    }

    /** The number of the last update delivered: the link's poll asks for those after it. */
    long nextUpdate() {
        return nextUpdate;
    }

    /** Hands a batch from the link's poll to the listener, in order. */
    void deliver(WireUpdate.Batch batch) {
        batch.updates().forEach(this::deliver);
        nextUpdate = batch.next();
    }

    /** The sandbox forgot the account (it restarted): connects it again, or leaves that to the next poll when it cannot. */
    void reconnect() {
        try {
            connect();
        } catch (IOException e) {
            log.debug("account {}: cannot connect to the sandbox again: {}", name, e.toString());
        }
    }

    private void deliver(WireUpdate update) {
        TelegramListener to = listener;
        try {
            switch (update.type()) {
                case "new_post" -> to.newPost(update.post());
                case "own_comment_deleted" -> to.discussionMessageDeleted(update.channelId(), update.discussionChatId(), update.messageId());
                case "restricted" -> to.restricted(update.channelId(), update.reason());
                case "session_gone" -> to.sessionGone(update.reason());
                default -> log.debug("account {}: unknown sandbox update {}", name, update.type());
            }
        } catch (RuntimeException e) {
            log.warn("account {}: a listener failed on {}: {}", name, update.type(), e.toString());
        }
    }

    private <T> List<T> readList(String path, TypeReference<List<T>> type) {
        try {
            Answer answer = sendConnected(HttpRequest.newBuilder(account.resolve(path)).timeout(REQUEST_TIMEOUT));
            return answer.status() == 200 ? JSON.convertValue(answer.json(), type) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String postPath(PostKey post) {
        return "channels/" + post.channelId() + "/posts/" + post.messageId() + "/comments";
    }

    private HttpRequest.Builder post(String path, Object body) {
        try {
            return HttpRequest.newBuilder(account.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request; when the sandbox no longer knows the account (it restarted), connects again and resends once. */
    private Answer sendConnected(HttpRequest.Builder request) throws IOException {
        Answer answer = send(request);
        if (answer.status() == 404 && answer.json().path("error").asText().startsWith("unknown account")) {
            connect();
            answer = send(request);
        }
        return answer;
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request.header(SandboxJson.INSTANCE_HEADER, instance).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), json(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The body as JSON; one that is not (a proxy's or Jetty's own page) as {@code {"error": text}}. */
    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("error", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private record Answer(int status, JsonNode json) {
        String body() {
            return json.toString();
        }
    }
}
