package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.web.console.ConsoleHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The review page in real headless Chromium against {@code serve} (the packaged jar) on the sandbox world, real
 * PostgreSQL and the LLM test server, with REVIEW_MODE on: an operator approves one draft, edits one (with a link: the
 * cleaned text comes back and goes once confirmed) and rejects one, from the keyboard.
 */
@RequiresChromium
class ReviewBrowserIT {

    private static final String TOKEN = "review-browser-test-token-5e8a1c3b7d9f";
    private static final long CHANNEL = -1001000000001L;
    private static final String EDITED = "Хороший разбор, интересно, как это отразится на ценах в регионах уже этой зимой.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static ServeOnSandbox world;
    static Sandbox sandbox;
    static JarProcess serve;
    static Browser browser;
    static String base;
    static int port;

    @BeforeAll
    static void startServeAndBrowser() throws Exception {
        SimOptions options = SimOptions.builder(1, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).build();
        Files.writeString(dir.resolve("anna.env"), "ALLOWLIST_CHAT_IDS=[" + CHANNEL + "]\nREVIEW_MODE=true\n");
        // a fast pace, so that drafts come within seconds
        world = ServeOnSandbox.start(dir, options, List.of(), OpenAiTestServer.start(), TOKEN,
                Map.of("MESSAGES_PER_DAY", "5000", "MESSAGES_PER_HOUR", "1000"), "anna.env");
        sandbox = world.sandbox();
        serve = world.serve();
        browser = world.browser();
        base = world.base();
        port = world.port();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void operatorApprovesOneDraftEditsOneAndRejectsOneFromTheKeyboard() throws Exception {
        browser.driver.get(base + "/");
        new LoginScreen(browser.driver).signIn(TOKEN);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.driver.navigate().refresh();
            return Integer.parseInt(browser.driver.findElement(By.id("review-waiting")).getText()) >= 3;
        });
        browser.screenshot("review-overview");

        ReviewQueueScreen review = ReviewQueueScreen.open(browser.driver, base);
        List<Long> drafts = review.drafts();
        long approved = drafts.get(0);
        long edited = drafts.get(1);
        long rejected = drafts.get(2);
        assertThat(review.current()).isEqualTo(approved);
        assertThat(review.press("j").current()).isEqualTo(edited);
        assertThat(review.press("k").current()).isEqualTo(approved);
        browser.screenshot("review");

        review.press("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.notice().contains("Draft " + approved + " approved"));
        assertThat(review.current()).isEqualTo(edited);

        review.editCurrent(EDITED + " Подробнее на https://example.com/rates");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.asksToConfirmCleaned(edited));
        String cleaned = review.editBox(edited);
        assertThat(cleaned).startsWith(EDITED.substring(0, 40)).doesNotContain("example.com");
        assertThat(review.current()).isEqualTo(edited);
        browser.screenshot("review-cleaned");
        review.confirmEdit();
        await().atMost(Duration.ofSeconds(10)).until(() -> review.notice().contains("Draft " + edited + " edited"));
        browser.screenshot("review-edited");

        assertThat(review.current()).isEqualTo(rejected);
        review.press("r");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.notice().contains("Draft " + rejected + " rejected"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> state(approved).equals("sent") && state(edited).equals("sent"));
        assertThat(state(rejected)).isEqualTo("rejected");
        JsonNode edit = draft(edited);
        assertThat(edit.get("draft").get("text").asText()).isEqualTo(cleaned);
        assertThat(edit.get("draft").get("original_text").asText()).isEqualTo(OpenAiTestServer.DEFAULT_ANSWER);
        assertThat(edit.get("draft").get("approved_by").asText()).isEqualTo("panel");
        assertThat(edit.get("draft").get("approved_from").asText()).isEqualTo("127.0.0.1");
        assertThat(sandbox.world().received()).extracting(ReceivedComment::text).contains(cleaned);
    }

    private static String state(long draft) throws Exception {
        return draft(draft).get("draft").get("state").asText();
    }

    private static JsonNode draft(long draft) throws Exception {
        return JSON.readTree(ConsoleHttp.withToken(port, TOKEN).get("/api/v1/review/" + draft).body());
    }
}
