package dev.marketolog.telegram.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.telegram.sim.SimOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTelegramTest {

    private static final long CHANNEL = -1001000000001L;
    private static final long QUIET_CHANNEL = -1001000000009L;
    private static final SimOptions QUIET = SimOptions.builder(1, Instant.now(), Duration.ofDays(1)).postsPerDay(0).postGoneRate(0).build();

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private SandboxLink link;
    private SandboxTelegram telegram;

    @AfterEach
    void stop() {
        if (telegram != null) {
            telegram.close();
        }
        if (link != null) {
            link.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private SandboxTelegram connect() {
        return connect("bot");
    }

    private SandboxTelegram connect(String account) {
        return connect(account, CHANNEL);
    }

    private SandboxTelegram connect(String account, long channel) {
        if (link == null) {
            link = SandboxLink.open(HttpClient.newHttpClient(), URI.create(sandbox.url()), "instance-7");
        }
        return SandboxTelegram.connect(link, account, List.of(channel));
    }

    /** Opens the account's channels (only opened ones send updates, as in Telegram) and listens to its new posts. */
    private static List<Post> listenTo(SandboxTelegram telegram, long channel) {
        telegram.prepare(List.of(channel));
        List<Post> heard = new CopyOnWriteArrayList<>();
        telegram.listen(new TelegramListener() {
            @Override
            public void newPost(Post post) {
                heard.add(post);
            }
        });
        return heard;
    }

    @Test
    void aNewPostInAPreparedChannelReachesTheListener() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect();
        telegram.prepare(List.of(CHANNEL));
        List<Post> heard = new CopyOnWriteArrayList<>();
        telegram.listen(new TelegramListener() {
            @Override
            public void newPost(Post post) {
                heard.add(post);
            }
        });

        Post post = sandbox.world().publish(CHANNEL, "Новый пост.", 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains(post));
    }

    @Test
    void theAccountsOfOneLinkHearEachOfTheirPostsInOrder() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect("bot");
        try (SandboxTelegram other = connect("bot2")) {
            List<Post> heard = listenTo(telegram, CHANNEL);
            List<Post> heardByOther = listenTo(other, CHANNEL);

            List<Post> posts = List.of(sandbox.world().publish(CHANNEL, "Раз.", 1), sandbox.world().publish(CHANNEL, "Два.", 1),
                    sandbox.world().publish(CHANNEL, "Три.", 1));

            await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() == 3 && heardByOther.size() == 3);
            assertThat(heard).isEqualTo(posts);
            assertThat(heardByOther).isEqualTo(posts);
        }
    }

    @Test
    void anAccountThatStartsListeningWhileThePollWaitsHearsItsPostWithoutWaitingForThePollToEnd() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        try (SandboxTelegram waiting = connect("waiting", QUIET_CHANNEL)) {
            listenTo(waiting, QUIET_CHANNEL); // its poll holds 20 s: nothing is published in its channel
            telegram = connect("bot");
            List<Post> heard = listenTo(telegram, CHANNEL);

            Post post = sandbox.world().publish(CHANNEL, "Пост.", 1);

            // well inside the 20 s the poll would otherwise hold: the account's joining sent it again
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(post));
        }
    }

    @Test
    void aListeningAccountIsConnectedAgainWhenTheSandboxRestartsAndHearsTheNewPosts() {
        Path state = dir.resolve("world.json");
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.of(state));
        int port = sandbox.port();
        telegram = connect();
        List<Post> heard = listenTo(telegram, CHANNEL);
        sandbox.close();
        sandbox = Sandbox.start(QUIET, List.of(), port, Optional.of(state));

        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.world().knows("bot")); // by the poll, not by a request of its own
        Post post = sandbox.world().publish(CHANNEL, "После перезапуска.", 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains(post));
    }

    @Test
    void aNoteGoesIntoTheAccountsOwnSavedMessages() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect();

        SendResult result = telegram.saveMessage("Marketolog: Spam block started");

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(sandbox.world().savedMessages()).singleElement().satisfies(note -> {
            assertThat(note.account()).isEqualTo("bot");
            assertThat(note.text()).isEqualTo("Marketolog: Spam block started");
        });
    }

    @Test
    void aChannelPreparedAfterConnectingIsThereAgainWhenASandboxThatRestartedWithoutItsStateConnectsTheAccount() {
        long added = -1001000000002L;
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        int port = sandbox.port();
        telegram = connect();
        telegram.prepare(List.of(CHANNEL, added)); // an operator added it to the allowlist
        sandbox.close();
        sandbox = Sandbox.start(QUIET, List.of(), port, Optional.empty());

        telegram.recentPosts(added, 1); // the sandbox forgot the account: it is connected again
        Post post = sandbox.world().publish(added, "Пост.", 1);

        assertThat(telegram.comment(post.key(), "Текст.")).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void anAccountTheSandboxForgotByRestartingIsConnectedAgainAndItsSendIsRecordedWithItsInstance() {
        Path state = dir.resolve("world.json");
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.of(state));
        int port = sandbox.port();
        telegram = connect();
        Post post = sandbox.world().publish(CHANNEL, "Пост.", 1);
        sandbox.close();
        sandbox = Sandbox.start(QUIET, List.of(), port, Optional.of(state));

        SendResult result = telegram.comment(post.key(), "Текст.");

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(sandbox.world().received()).singleElement().satisfies(comment -> {
            assertThat(comment.instance()).isEqualTo("instance-7");
            assertThat(comment.postId()).isEqualTo(post.messageId());
        });
    }

    @Test
    void aSendToASandboxThatDoesNotAnswerFailsWithoutReachingIt() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect();
        Post post = sandbox.world().publish(CHANNEL, "Пост.", 1);
        sandbox.close();

        SendResult result = telegram.comment(post.key(), "Текст.");

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> assertThat(failed.reachedServer()).isFalse());
        assertThat(telegram.recentPosts(CHANNEL, 10)).isEmpty();
        assertThat(telegram.prepare(List.of(CHANNEL))).singleElement().satisfies(channel -> assertThat(channel.usable()).isFalse());
    }

    @Test
    void aTextTheSandboxRejectsIsARefusalNamingTheReason() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect();
        Post post = sandbox.world().publish(CHANNEL, "Пост.", 1);

        SendResult result = telegram.comment(post.key(), "я".repeat(5000));

        assertThat(result).isInstanceOfSatisfying(SendResult.Failed.class, failed -> assertThat(failed.error())
                .isInstanceOfSatisfying(TelegramError.Unknown.class, error -> assertThat(error.message()).contains("4096")));
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The sandbox's answer read as it says, against a stand-in that answers with counts a fresh comment cannot have yet. */
    @Test
    void feedbackIsReadFromTheSandboxsAnswerForTheCommentsAskedAboutOnly() throws IOException {
        OurComment ours = new OurComment(new PostKey(CHANNEL, 12), -1009000000000L, 3);
        AtomicReference<JsonNode> asked = new AtomicReference<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/api/accounts/bot/connect", exchange -> answer(exchange, "{\"next\": 0}"));
        stub.createContext("/api/accounts/bot/feedback", exchange -> {
            asked.set(SandboxJson.mapper().readTree(exchange.getRequestBody()));
            answer(exchange, """
                    [{"comment": {"channel_id": %d, "post_id": 12, "discussion_chat_id": -1009000000000, "message_id": 3},
                      "reactions": 4, "replies": 2},
                     {"comment": {"channel_id": %d, "post_id": 12, "discussion_chat_id": -1009000000000, "message_id": 99},
                      "reactions": 1, "replies": 0}]""".formatted(CHANNEL, CHANNEL));
        });
        stub.start();
        try {
            link = SandboxLink.open(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), "instance-7");
            telegram = SandboxTelegram.connect(link, "bot", List.of(CHANNEL));

            Map<OurComment, CommentFeedback> read = telegram.feedback(List.of(ours));

            assertThat(read).isEqualTo(Map.of(ours, new CommentFeedback(4, 2)));
            assertThat(asked.get().get("comments")).singleElement().satisfies(comment -> {
                assertThat(comment.get("channel_id").asLong()).isEqualTo(CHANNEL);
                assertThat(comment.get("post_id").asLong()).isEqualTo(12);
                assertThat(comment.get("discussion_chat_id").asLong()).isEqualTo(-1009000000000L);
                assertThat(comment.get("message_id").asLong()).isEqualTo(3);
            });
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void feedbackFromASandboxThatDoesNotAnswerIsNothing() {
        sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
        telegram = connect();
        Post post = sandbox.world().publish(CHANNEL, "Пост.", 1);
        SendResult.Sent sent = (SendResult.Sent) telegram.comment(post.key(), "Текст.");
        OurComment ours = new OurComment(post.key(), sent.discussionChatId(), sent.messageId());
        assertThat(telegram.feedback(List.of(ours))).containsOnlyKeys(ours);
        sandbox.close();

        assertThat(telegram.feedback(List.of(ours))).isEmpty();
    }
}
