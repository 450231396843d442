package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.Secret;
import dev.marketolog.engine.Branch;
import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewAnswer;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.engine.ReviewEvent;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.engine.ReviewState;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.telegram.Post;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/review}: the queue and an operator's decisions over HTTP, each answer of the desk as its status. */
class ReviewApiTest {

    private static final String TOKEN = "7c0e5a9d2b4f6e8a1c3d5b7f9e0a2c4d";
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final ReviewItem DRAFT = new ReviewItem(7, "bot", "Деньги", new Post(-1001, 17, AT, "Новость"), Branch.SCHEDULER,
            List.of(), ReviewState.WAITING, "черновик", "черновик", AT, AT.plusSeconds(7200), Optional.of(SkipReason.HOURLY_LIMIT),
            Optional.of(AT.plusSeconds(900)), Optional.empty());

    /** A desk that answers what the test tells it and records who asked for what. */
    private static final class ScriptedDesk implements ReviewDesk {
        ReviewAnswer answer = new ReviewAnswer.Done(DRAFT);
        final List<String> calls = new ArrayList<>();

        @Override
        public List<ReviewItem> pending() {
            return List.of(DRAFT);
        }

        @Override
        public Optional<ReviewItem> item(long id) {
            return id == DRAFT.id() ? Optional.of(DRAFT) : Optional.empty();
        }

        @Override
        public List<ReviewEvent> history(long id) {
            return List.of(new ReviewEvent(AT, ReviewEvent.Kind.DRAFTED, Optional.of("черновик"), Optional.empty(), Optional.empty()));
        }

        @Override
        public ReviewAnswer approve(long id, Operator by) {
            return record("approve " + id + " by " + by.address());
        }

        @Override
        public ReviewAnswer edit(long id, String text, Operator by) {
            return record("edit " + id + ": " + text);
        }

        @Override
        public ReviewAnswer regenerate(long id, Operator by) {
            return record("regenerate " + id);
        }

        @Override
        public ReviewAnswer reject(long id, Operator by) {
            return record("reject " + id);
        }

        private ReviewAnswer record(String call) {
            calls.add(call);
            return answer;
        }
    }

    @AutoClose
    final Metrics metrics = Metrics.start("test");

    private final ScriptedDesk desk = new ScriptedDesk();
    private final ReviewApi review = new ReviewApi();

    @AutoClose
    final WebServer server = WebServer.start("127.0.0.1", 0, ctx -> ctx.result("ok"), new MetricsHandler(metrics.registry()),
            List.of(new Console(List.of(new AdminApi(new ConsoleAuth((ConsoleAccess.Open) ConsoleAccess.of(Secret.of(TOKEN)),
                    new LoginThrottle(Instant::now)), Instant::now), review))));

    private final ConsoleHttp console = ConsoleHttp.withToken(server.port(), TOKEN);
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void theQueueNeedsTheTokenAndAnswers503UntilTheEngineHasStarted() {
        assertThat(ConsoleHttp.anonymous(server.port()).get("/api/v1/review").statusCode()).isEqualTo(401);
        assertThat(console.get("/api/v1/review").statusCode()).isEqualTo(503);
    }

    @Test
    void theQueueListsEachDraftWithWhyItWaitsAndWhenItCouldGo() throws Exception {
        review.serve(desk);

        HttpResponse<String> response = console.get("/api/v1/review");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode draft = body(response).get("drafts").get(0);
        assertThat(draft.get("id").asLong()).isEqualTo(7);
        assertThat(draft.get("account").asText()).isEqualTo("bot");
        assertThat(draft.get("post_text").asText()).isEqualTo("Новость");
        assertThat(draft.get("state").asText()).isEqualTo("waiting");
        assertThat(draft.get("text").asText()).isEqualTo("черновик");
        assertThat(draft.get("blocked_by").asText()).isEqualTo("hourly_limit");
        assertThat(draft.get("could_go_at").asText()).isEqualTo("2026-12-01T08:15:00Z");
        assertThat(body(console.get("/api/v1/review/7")).get("history").get(0).get("kind").asText()).isEqualTo("drafted");
        assertThat(console.get("/api/v1/review/8").statusCode()).isEqualTo(404);
    }

    @Test
    void eachDecisionReachesTheDeskWithTheCallersAddress() {
        review.serve(desk);

        assertThat(console.send("POST", "/api/v1/review/7/approve", "").statusCode()).isEqualTo(200);
        assertThat(console.send("POST", "/api/v1/review/7/edit", "{\"text\": \"правка\"}").statusCode()).isEqualTo(200);
        assertThat(console.send("POST", "/api/v1/review/7/regenerate", "").statusCode()).isEqualTo(200);
        assertThat(console.send("POST", "/api/v1/review/7/reject", "").statusCode()).isEqualTo(200);

        assertThat(desk.calls).containsExactly("approve 7 by 127.0.0.1", "edit 7: правка", "regenerate 7", "reject 7");
    }

    @Test
    void aTextThatWouldGoOnlyCleanedIsAConflictCarryingTheCleanedTextToConfirm() throws Exception {
        review.serve(desk);
        desk.answer = new ReviewAnswer.ConfirmCleaned("Без ссылки.", List.of("link"));

        HttpResponse<String> response = console.send("POST", "/api/v1/review/7/edit", "{\"text\": \"Без ссылки https://x.example\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(body(response).get("cleaned").asText()).isEqualTo("Без ссылки.");
        assertThat(body(response).get("fixes").get(0).asText()).isEqualTo("link");
    }

    @Test
    void aRefusedTextIs422WithItsReasonsAndADecidedDraftIs409() throws Exception {
        review.serve(desk);
        desk.answer = new ReviewAnswer.Refused(List.of("link"));

        HttpResponse<String> refused = console.send("POST", "/api/v1/review/7/edit", "{\"text\": \"https://x.example\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(body(refused).get("problems").get(0).get("expected").asText()).isEqualTo("link");
        desk.answer = new ReviewAnswer.Closed(DRAFT);
        assertThat(console.send("POST", "/api/v1/review/7/approve", "").statusCode()).isEqualTo(409);
        desk.answer = new ReviewAnswer.NotFound(9);
        assertThat(console.send("POST", "/api/v1/review/9/reject", "").statusCode()).isEqualTo(404);
    }

    @Test
    void anEditWithoutATextOrAnIdThatIsNoNumberIsABadRequest() {
        review.serve(desk);

        assertThat(console.send("POST", "/api/v1/review/7/edit", "{}").statusCode()).isEqualTo(400);
        assertThat(console.send("POST", "/api/v1/review/7/edit", "not json").statusCode()).isEqualTo(400);
        assertThat(console.send("POST", "/api/v1/review/x/approve", "").statusCode()).isEqualTo(400);
        assertThat(desk.calls).isEmpty();
    }
}
