package dev.marketolog.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.telegram.sandbox.SandboxJson;
import dev.marketolog.telegram.sim.SimOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxServerTest {

    private static final long OPEN = -1001000000001L;
    private static final long CLOSED = -1001000000002L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = SandboxJson.mapper();

    @TempDir
    Path dir;

    private Sandbox sandbox;

    private record Answer(int status, JsonNode body) {}

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Sandbox start(double postsPerHour, Optional<Path> state) {
        SimOptions options = SimOptions.builder(5, Instant.now(), Duration.ofDays(1)).history(Duration.ofHours(6))
                .postsPerDay(postsPerHour * 24).postGoneRate(0).forbidden(CLOSED).build();
        return Sandbox.start(options, List.of(), 0, state);
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
                .header(SandboxJson.INSTANCE_HEADER, "instance-1")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    private long connectAndNewestPost() throws IOException, InterruptedException {
        post("/api/accounts/bot/connect", "{\"allowlist\": [%d, %d]}".formatted(OPEN, CLOSED));
        post("/api/accounts/bot/prepare", "{\"channels\": [%d, %d]}".formatted(OPEN, CLOSED));
        return get("/api/accounts/bot/channels/" + OPEN + "/posts?limit=1").body().get(0).get("message_id").asLong();
    }

    private String commentPath(long channel, long post) {
        return "/api/accounts/bot/channels/" + channel + "/posts/" + post + "/comments";
    }

    @Test
    void anAccountThatConnectsFindsItsChannelsAndItsCommentIsInTheRecordWithItsInstance() throws Exception {
        sandbox = start(6, Optional.empty());
        Answer connected = post("/api/accounts/bot/connect", "{\"allowlist\": [%d, %d]}".formatted(OPEN, CLOSED));
        Answer prepared = post("/api/accounts/bot/prepare", "{\"channels\": [%d, %d]}".formatted(OPEN, CLOSED));
        long newest = get("/api/accounts/bot/channels/" + OPEN + "/posts?limit=1").body().get(0).get("message_id").asLong();

        Answer sent = post(commentPath(OPEN, newest), "{\"text\": \"Интересно.\"}");
        Answer under = get(commentPath(OPEN, newest) + "?limit=10");
        JsonNode record = get("/inspect/comments").body();

        assertThat(connected.status()).isEqualTo(200);
        assertThat(prepared.body().get(0).get("problem").isNull()).isTrue();
        assertThat(prepared.body().get(1).get("problem").get("type").asText()).isEqualTo("channel_closed");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().get("result").asText()).isEqualTo("sent");
        assertThat(under.body()).extracting(JsonNode::asText).contains("Интересно.");
        assertThat(record).hasSize(1);
        assertThat(record.get(0).get("account").asText()).isEqualTo("bot");
        assertThat(record.get(0).get("channel_id").asLong()).isEqualTo(OPEN);
        assertThat(record.get(0).get("post_id").asLong()).isEqualTo(newest);
        assertThat(record.get(0).get("text").asText()).isEqualTo("Интересно.");
        assertThat(record.get(0).get("instance").asText()).isEqualTo("instance-1");
        assertThat(record.get(0).get("at").asText()).isNotBlank();
    }

    @Test
    void aRefusedSendIsInTheRecordOfRefusalsAndASendAfterItIsAViolation() throws Exception {
        sandbox = start(6, Optional.empty());
        connectAndNewestPost();
        long closedPost = get("/api/accounts/bot/channels/" + CLOSED + "/posts?limit=1").body().get(0).get("message_id").asLong();

        Answer refused = post(commentPath(CLOSED, closedPost), "{\"text\": \"Текст.\"}");
        JsonNode refusals = get("/inspect/refusals").body();
        JsonNode violations = get("/inspect/violations").body();

        assertThat(refused.body().get("error").get("type").asText()).isEqualTo("channel_closed");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).get("error").get("type").asText()).isEqualTo("channel_closed");
        assertThat(refusals.get(0).get("instance").asText()).isEqualTo("instance-1");
        assertThat(violations.get("to_closed_channel").asInt()).isEqualTo(1);
    }

    @Test
    void aChannelAddedToTheAllowlistAfterConnectingAppearsWhenPreparedWithSixHoursOfPosts() throws Exception {
        long added = -1001000000003L;
        sandbox = start(6, Optional.empty());
        post("/api/accounts/bot/connect", "{\"allowlist\": [%d]}".formatted(OPEN));

        Answer prepared = post("/api/accounts/bot/prepare", "{\"channels\": [%d, %d]}".formatted(OPEN, added));
        JsonNode posts = get("/api/accounts/bot/channels/" + added + "/posts?limit=1000").body();
        long newest = posts.get(0).get("message_id").asLong();
        Answer sent = post(commentPath(added, newest), "{\"text\": \"Интересно.\"}");

        assertThat(prepared.body()).allSatisfy(channel -> assertThat(channel.get("problem").isNull()).isTrue());
        assertThat(posts).isNotEmpty().allSatisfy(post -> assertThat(Instant.parse(post.get("published_at").asText()))
                .isAfter(Instant.now().minus(Duration.ofHours(6)).minusSeconds(5)));
        assertThat(sent.body().get("result").asText()).isEqualTo("sent");
        assertThat(get("/inspect/violations").body().get("outside_allowlist").asInt()).isZero();
    }

    @Test
    void aNewPostReachesTheAccountsLongPoll() throws Exception {
        sandbox = start(3600, Optional.empty());
        long next = post("/api/accounts/bot/connect", "{\"allowlist\": [%d]}".formatted(OPEN)).body().get("next").asLong();
        post("/api/accounts/bot/prepare", "{\"channels\": [%d]}".formatted(OPEN));

        JsonNode batch = get("/api/accounts/bot/updates?after=" + next + "&timeout_seconds=30").body();

        assertThat(batch.get("updates")).isNotEmpty().allSatisfy(update -> {
            assertThat(update.get("type").asText()).isEqualTo("new_post");
            assertThat(update.get("post").get("channel_id").asLong()).isEqualTo(OPEN);
        });
        assertThat(batch.get("next").asLong()).isEqualTo(batch.get("updates").get(batch.get("updates").size() - 1).get("seq").asLong());
    }

    @Test
    void oneLongPollCarriesTheUpdatesOfManyAccounts() throws Exception {
        sandbox = start(0, Optional.empty());
        long first = post("/api/accounts/bot/connect", "{\"allowlist\": [%d]}".formatted(OPEN)).body().get("next").asLong();
        long second = post("/api/accounts/bot2/connect", "{\"allowlist\": [%d]}".formatted(OPEN)).body().get("next").asLong();
        post("/api/accounts/bot/prepare", "{\"channels\": [%d]}".formatted(OPEN));
        post("/api/accounts/bot2/prepare", "{\"channels\": [%d]}".formatted(OPEN));
        long published = sandbox.world().publish(OPEN, "Пост.", 1).messageId();

        JsonNode answer = post("/api/updates", "{\"after\": {\"bot\": %d, \"bot2\": %d}, \"timeout_seconds\": 30}"
                .formatted(first, second)).body();

        assertThat(answer.get("unknown")).isEmpty();
        for (String account : List.of("bot", "bot2")) {
            JsonNode batch = answer.get("accounts").get(account);
            assertThat(batch.get("updates")).singleElement().satisfies(update -> {
                assertThat(update.get("type").asText()).isEqualTo("new_post");
                assertThat(update.get("post").get("message_id").asLong()).isEqualTo(published);
            });
            assertThat(batch.get("next").asLong()).isEqualTo(batch.get("updates").get(0).get("seq").asLong());
        }
    }

    @Test
    void aLongPollForManyAnswersAtOnceForAnAccountItDoesNotKnowOrANumberFromBeforeARestart() throws Exception {
        sandbox = start(0, Optional.empty());
        long latest = post("/api/accounts/bot/connect", "{\"allowlist\": [%d]}".formatted(OPEN)).body().get("next").asLong();

        JsonNode answer = post("/api/updates", "{\"after\": {\"bot\": %d, \"nobody\": 0}, \"timeout_seconds\": 30}"
                .formatted(latest + 1000)).body();

        assertThat(answer.get("unknown")).singleElement().satisfies(name -> assertThat(name.asText()).isEqualTo("nobody"));
        assertThat(answer.get("accounts").get("bot").get("next").asLong()).isEqualTo(latest);
        assertThat(answer.get("accounts").get("bot").get("updates")).isEmpty();
    }

    @Test
    void badRequestsGetA4xxWithAReasonAndTheSandboxServesOn() throws Exception {
        sandbox = start(6, Optional.empty());
        long newest = connectAndNewestPost();

        List<Answer> answers = List.of(
                post("/api/accounts/nobody/prepare", "{\"channels\": [1]}"),
                get("/api/accounts/nobody/updates"),
                post(commentPath(OPEN, newest + 100_000), "{\"text\": \"Текст.\"}"),
                get(commentPath(OPEN, newest + 100_000)),
                post(commentPath(OPEN, newest), "{\"text\": "),
                post(commentPath(OPEN, newest), "[1, 2]"),
                post(commentPath(OPEN, newest), "{}"),
                post(commentPath(OPEN, newest), "{\"text\": \"" + "я".repeat(SandboxServer.MAX_TEXT + 1) + "\"}"),
                post(commentPath(OPEN, newest), "{\"text\": \"" + "a".repeat(1 << 20) + "\"}"),
                post("/api/accounts/bot/connect", "{\"allowlist\": \"all\"}"),
                get("/api/accounts/bot/channels/abc/posts"),
                get("/api/accounts/bot/channels/" + OPEN + "/posts?limit=0"),
                get("/api/accounts/bot/updates?timeout_seconds=3600"),
                post("/api/updates", "{\"after\": {\"bot\": -1}, \"timeout_seconds\": 1}"),
                post("/api/updates", "{\"after\": {\"bot\": 0}, \"timeout_seconds\": 3600}"),
                post("/api/updates", "{\"timeout_seconds\": 1}"));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isBetween(400, 499));
        assertThat(answers.subList(0, 8)).allSatisfy(answer -> assertThat(answer.body().get("error").asText()).isNotBlank());
        assertThat(answers.get(0).body().get("error").asText()).contains("unknown account 'nobody'");
        assertThat(answers.get(3).body().get("error").asText()).contains("unknown post");
        assertThat(answers.get(4).body().get("error").asText()).contains("malformed JSON");
        assertThat(answers.get(7).body().get("error").asText()).contains("at most 4096");
        assertThat(get("/inspect/comments").body()).isEmpty();
        assertThat(post(commentPath(OPEN, newest), "{\"text\": \"Всё ещё работает.\"}").body().get("result").asText()).isEqualTo("sent");
    }

    private Answer feedback(String account, long post, JsonNode... sent) throws IOException, InterruptedException {
        List<String> comments = new ArrayList<>();
        for (JsonNode comment : sent) {
            comments.add("{\"channel_id\": %d, \"post_id\": %d, \"discussion_chat_id\": %d, \"message_id\": %d}"
                    .formatted(OPEN, post, comment.get("discussion_chat_id").asLong(), comment.get("message_id").asLong()));
        }
        return post("/api/accounts/" + account + "/feedback", "{\"comments\": [" + String.join(", ", comments) + "]}");
    }

    @Test
    void feedbackAnswersTheCommentsTheWorldHasWithSimulatedCountsAndLeavesOutTheOthers() throws Exception {
        sandbox = start(6, Optional.empty());
        long newest = connectAndNewestPost();
        JsonNode sent = post(commentPath(OPEN, newest), "{\"text\": \"Интересно.\"}").body();
        JsonNode unknown = JSON.createObjectNode().put("discussion_chat_id", sent.get("discussion_chat_id").asLong())
                .put("message_id", sent.get("message_id").asLong() + 1000);

        Answer answer = feedback("bot", newest, unknown, sent);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).singleElement().satisfies(read -> {
            assertThat(read.get("comment").get("channel_id").asLong()).isEqualTo(OPEN);
            assertThat(read.get("comment").get("post_id").asLong()).isEqualTo(newest);
            assertThat(read.get("comment").get("discussion_chat_id").asLong()).isEqualTo(sent.get("discussion_chat_id").asLong());
            assertThat(read.get("comment").get("message_id").asLong()).isEqualTo(sent.get("message_id").asLong());
            assertThat(read.get("reactions").asInt()).isBetween(0, 5);
            assertThat(read.get("replies").asInt()).isBetween(0, 2);
        });
        assertThat(post("/api/accounts/bot/feedback", "{}").status()).isEqualTo(400);
        assertThat(post("/api/accounts/bot/feedback", "{\"comments\": [null]}").status()).isEqualTo(400);
        assertThat(feedback("nobody", newest, sent).body().get("error").asText()).contains("unknown account 'nobody'");
    }

    @Test
    void theStateFileKeepsTheWorldAndItsRecordAcrossARestartOfTheSandbox() throws Exception {
        Path state = dir.resolve("world.json");
        sandbox = start(6, Optional.of(state));
        long newest = connectAndNewestPost();
        JsonNode first = post(commentPath(OPEN, newest), "{\"text\": \"Раз.\"}").body();
        JsonNode before = get("/inspect/comments").body();
        sandbox.close();

        sandbox = start(6, Optional.of(state));
        Answer beforeConnecting = get("/api/accounts/bot/channels/" + OPEN + "/posts");
        post("/api/accounts/bot/connect", "{\"allowlist\": [%d]}".formatted(OPEN));
        Answer again = post(commentPath(OPEN, newest), "{\"text\": \"Два.\"}");

        assertThat(get("/inspect/comments").body().get(0)).isEqualTo(before.get(0));
        assertThat(beforeConnecting.status()).isEqualTo(404);
        assertThat(again.body().get("result").asText()).isEqualTo("sent");
        assertThat(get(commentPath(OPEN, newest)).body()).extracting(JsonNode::asText).containsSubsequence("Раз.", "Два.");
        assertThat(get("/inspect/violations").body().get("second_comment").asInt()).isEqualTo(1);
        assertThat(feedback("bot", newest, first).body()).as("the world still knows the comment it received before").hasSize(1);
    }

    /** The periodic save and the one at close may come together: the state file must stay readable. */
    @Test
    void savesAtTheSameTimeLeaveAReadableStateFile() throws Exception {
        Path state = dir.resolve("world.json");
        sandbox = start(600, Optional.of(state)); // six hours of busy channels: a state file large enough to take a while
        long newest = connectAndNewestPost();
        post(commentPath(OPEN, newest), "{\"text\": \"Раз.\"}");

        try (ExecutorService savers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> saved = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                saved.add(savers.submit(() -> {
                    sandbox.save();
                    return null;
                }));
            }
            for (Future<?> save : saved) {
                save.get();
            }
        }
        sandbox.close();

        sandbox = start(600, Optional.of(state));
        assertThat(get("/inspect/comments").body()).hasSize(1);
    }
}
