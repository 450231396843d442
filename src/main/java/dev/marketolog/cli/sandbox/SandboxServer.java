package dev.marketolog.cli.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.sandbox.SandboxJson;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.sandbox.WireChannel;
import dev.marketolog.telegram.sandbox.WireFeedback;
import dev.marketolog.telegram.sandbox.WireSendResult;
import dev.marketolog.telegram.sandbox.WireUpdate;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's HTTP face on loopback: the account API the {@code telegram/sandbox} adapter speaks under
 * {@code /api/accounts/{account}/...}, with the long poll for many accounts' updates at {@code /api/updates}, and the
 * inspection API under {@code /inspect/...}. A bad request gets a 4xx with
 * {@code {"error": reason}}; nothing a client sends can stop the world.
 */
public final class SandboxServer implements AutoCloseable {

    /** Telegram's limit for one message. */
    public static final int MAX_TEXT = 4096;
    /** The longest a long poll for updates waits. */
    static final Duration MAX_POLL = Duration.ofSeconds(30);
    private static final String ACCOUNT = "/api/accounts/{account}";
    private static final String POST = ACCOUNT + "/channels/{channel}/posts/{post}";

    private final Javalin javalin;
    private final SandboxWorld world;
    private final ObjectMapper json = SandboxJson.mapper();

    private record Allowlist(List<Long> allowlist) {}

    private record Channels(List<Long> channels) {}

    private record Text(String text) {}

    private SandboxServer(SandboxWorld world, int port) {
        this.world = world;
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(json, true));
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.post(ACCOUNT + "/connect", this::connect);
            config.routes.post(ACCOUNT + "/prepare", this::prepare);
            config.routes.get(ACCOUNT + "/channels/{channel}/posts", this::posts);
            config.routes.get(POST + "/comments", this::comments);
            config.routes.post(POST + "/comments", this::comment);
            config.routes.get(ACCOUNT + "/updates", this::updates);
            config.routes.post("/api/updates", this::updatesOfMany);
            config.routes.post(ACCOUNT + "/saved-messages", this::saveMessage);
            config.routes.post(ACCOUNT + "/feedback", this::feedback);
            config.routes.get("/inspect/comments", ctx -> ctx.json(world.received()));
            config.routes.get("/inspect/refusals", ctx -> ctx.json(world.refusals()));
            config.routes.get("/inspect/violations", ctx -> ctx.json(world.violations()));
            config.routes.get("/inspect/saved-messages", ctx -> ctx.json(world.savedMessages()));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            config.routes.exception(SandboxWorld.UnknownAccountException.class, (e, ctx) ->
                    ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", e.getMessage())));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", String.valueOf(e.getMessage()))));
        });
        javalin.start("127.0.0.1", port);
    }

    /** Serves {@code world} on 127.0.0.1:{@code port} (0: a free port, see {@link #port()}). */
    public static SandboxServer start(SandboxWorld world, int port) {
        return new SandboxServer(world, port);
    }

    public int port() {
        return javalin.port();
    }

    private void connect(Context ctx) {
        Allowlist body = body(ctx, Allowlist.class);
        if (body.allowlist() == null || body.allowlist().contains(null)) {
            throw new BadRequestResponse("connect needs {\"allowlist\": [chat ids]}");
        }
        ctx.json(Map.of("next", world.connect(account(ctx), body.allowlist())));
    }

    private void prepare(Context ctx) {
        Channels body = body(ctx, Channels.class);
        if (body.channels() == null || body.channels().contains(null)) {
            throw new BadRequestResponse("prepare needs {\"channels\": [chat ids]}");
        }
        ctx.json(world.prepare(account(ctx), body.channels()).stream().map(WireChannel::of).toList());
    }

    private void posts(Context ctx) {
        ctx.json(world.recentPosts(account(ctx), id(ctx, "channel"), limit(ctx)));
    }

    private void comments(Context ctx) {
        String account = account(ctx);
        PostKey post = post(ctx);
        if (!world.hasPost(account, post)) {
            throw new NotFoundResponse("unknown post " + post.messageId() + " of channel " + post.channelId());
        }
        ctx.json(world.commentsUnder(account, post, limit(ctx)));
    }

    private void comment(Context ctx) {
        String account = account(ctx);
        PostKey post = post(ctx);
        Text body = body(ctx, Text.class);
        if (body.text() == null || body.text().isBlank()) {
            throw new BadRequestResponse("a comment needs {\"text\": \"...\"}, not blank");
        }
        if (body.text().length() > MAX_TEXT) {
            throw new BadRequestResponse("text is " + body.text().length() + " characters; Telegram takes at most " + MAX_TEXT);
        }
        String instance = ctx.header(SandboxJson.INSTANCE_HEADER);
        SendResult result = world.comment(account, post, body.text(), instance == null ? "" : instance);
        // The world answered "Message not found"; over HTTP that is a 404 with the reason, which the adapter reads as such.
        if (result instanceof SendResult.Failed(TelegramError.PostGone gone, boolean _)) {
            throw new NotFoundResponse("unknown post " + post.messageId() + " of channel " + post.channelId() + ": " + gone.reason());
        }
        ctx.json(WireSendResult.of(result));
    }

    private void saveMessage(Context ctx) {
        String account = account(ctx);
        Text body = body(ctx, Text.class);
        if (body.text() == null || body.text().isBlank() || body.text().length() > MAX_TEXT) {
            throw new BadRequestResponse("a note needs {\"text\": \"...\"}, not blank and at most " + MAX_TEXT + " characters");
        }
        ctx.json(WireSendResult.of(world.saveMessage(account, body.text())));
    }

    private void feedback(Context ctx) {
        WireFeedback.Request body = body(ctx, WireFeedback.Request.class);
        if (body.comments() == null || body.comments().contains(null)) {
            throw new BadRequestResponse("feedback needs {\"comments\": [{channel_id, post_id, discussion_chat_id, message_id}]}");
        }
        List<OurComment> comments = body.comments().stream().map(WireFeedback.Comment::toComment).toList();
        ctx.json(world.feedback(account(ctx), comments).entrySet().stream()
                .map(read -> WireFeedback.of(read.getKey(), read.getValue())).toList());
    }

    private void updates(Context ctx) throws InterruptedException {
        long after = number(ctx.queryParam("after"), "after", 0);
        long seconds = number(ctx.queryParam("timeout_seconds"), "timeout_seconds", 0);
        if (after < 0 || seconds < 0 || seconds > MAX_POLL.toSeconds()) {
            throw new BadRequestResponse("after must be 0 or more and timeout_seconds 0.." + MAX_POLL.toSeconds());
        }
        ctx.json(world.updates(account(ctx), after, Duration.ofSeconds(seconds)));
    }

    private void updatesOfMany(Context ctx) throws InterruptedException {
        WireUpdate.Poll poll = body(ctx, WireUpdate.Poll.class);
        if (poll.after() == null || poll.after().values().stream().anyMatch(after -> after == null || after < 0)
                || poll.timeoutSeconds() < 0 || poll.timeoutSeconds() > MAX_POLL.toSeconds()) {
            throw new BadRequestResponse("updates need {\"after\": {account: last update seen, 0 or more}, \"timeout_seconds\": 0.."
                    + MAX_POLL.toSeconds() + "}");
        }
        ctx.json(world.updates(poll.after(), Duration.ofSeconds(poll.timeoutSeconds())));
    }

    private <T> T body(Context ctx, Class<T> type) {
        try {
            T body = json.readValue(ctx.body(), type);
            if (body == null) {
                throw new BadRequestResponse("the body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String account(Context ctx) {
        return ctx.pathParam("account");
    }

    private static PostKey post(Context ctx) {
        return new PostKey(id(ctx, "channel"), id(ctx, "post"));
    }

    private static long id(Context ctx, String name) {
        return number(ctx.pathParam(name), name, 0);
    }

    private static int limit(Context ctx) {
        long limit = number(ctx.queryParam("limit"), "limit", 100);
        if (limit < 1 || limit > 1000) {
            throw new BadRequestResponse("limit must be 1..1000, got " + limit);
        }
        return (int) limit;
    }

    private static long number(String value, String name, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** Stops taking requests. */
    @Override
    public void close() {
        javalin.stop();
    }
}
