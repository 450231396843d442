package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The panel in real headless Chromium against {@code serve} (the packaged jar as its own process) on the sandbox world
 * and real PostgreSQL, as an operator uses it. One browser and one serve for the class: starting them is most of the
 * time this takes.
 */
@RequiresChromium
class PanelBrowserIT {

    static final String TOKEN = "panel-browser-test-token-7c1e9a2b4d6f";
    static final long FIRST_CHANNEL = -1001000000001L;
    static final long SECOND_CHANNEL = -1001000000002L;
    static final long THIRD_CHANNEL = -1001000000003L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestDatabase db;
    static Sandbox sandbox;
    static OpenAiTestServer llm;
    static JarProcess serve;
    static Browser browser;
    static String base;
    static long startedNanos;

    @BeforeAll
    static void startServeAndBrowser() throws Exception {
        startedNanos = System.nanoTime();
        db = TestDatabase.create();
        SimOptions options = SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).build();
        sandbox = Sandbox.start(options, List.of(), 0, Optional.empty());
        llm = OpenAiTestServer.start();
        Files.writeString(dir.resolve("anna.env"), "ALLOWLIST_CHAT_IDS=[" + FIRST_CHANNEL + ", " + SECOND_CHANNEL + "]\n");
        Files.writeString(dir.resolve("boris.env"), "ALLOWLIST_CHAT_IDS=[" + SECOND_CHANNEL + "]\n");
        int port = JarProcess.freePort();
        serve = JarProcess.start(Path.of(System.getProperty("marketolog.jar")), dir, environment(port), port,
                dir.resolve("serve.log"), "serve", "--env-file", "anna.env", "--env-file", "boris.env");
        if (serve.awaitHealthy(Duration.ofSeconds(120)).isEmpty()) {
            throw new IllegalStateException("serve did not start: " + serve.logTail(40));
        }
        base = "http://127.0.0.1:" + port;
        browser = Browser.start();
    }

    private static Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_API_ID", "123456");
        env.put("TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef");
        env.put("TELEGRAM_SANDBOX_URL", sandbox.url());
        env.put("POSTGRES_DSN", db.dsn().jdbcUrl());
        env.put("OPENAI_BASE_URL", llm.baseUrl().toString());
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("ADMIN_TOKEN", TOKEN);
        env.put("ACTIVE_WINDOWS", "0-24");
        env.put("INSTANT_COMMENT_DELAY_SECONDS", "1");
        env.put("MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1");
        env.put("MIN_INTERVAL_PER_CHAT_SECONDS", "1");
        env.put("FLEET_MIN_GAP_SECONDS", "0");
        return env;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (serve != null) {
                serve.stop(Duration.ofSeconds(20));
            }
        } finally {
            if (llm != null) {
                llm.close();
            }
            if (sandbox != null) {
                sandbox.close();
            }
            if (db != null) {
                db.close();
            }
            System.out.printf("PanelBrowserIT: %.1f s from the start of serve to the end%n",
                    (System.nanoTime() - startedNanos) / 1e9);
        }
    }

    @Test
    void operatorSignsInPausesAnAccountFixesAnAllowlistAndSignsOut() throws Exception {
        browser.driver.get(base + "/");
        LoginScreen login = new LoginScreen(browser.driver);
        browser.screenshot("login");
        OverviewScreen overview = login.signIn(TOKEN);

        assertThat(overview.accounts()).containsExactly("anna", "boris");
        await().atMost(Duration.ofSeconds(30)).until(overview::chartDrawn);
        browser.screenshot("overview");

        overview.pause("boris");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.driver.navigate().refresh();
            return overview.state("boris").equals("paused");
        });
        assertThat(healthState("boris")).isEqualTo("paused");
        assertThat(overview.state("anna")).isNotEqualTo("paused");

        AccountScreen account = overview.open("anna");
        account.set("ALLOWLIST_CHAT_IDS", "[" + FIRST_CHANNEL + ", not-a-chat]").save();
        assertThat(account.errorsOf("ALLOWLIST_CHAT_IDS")).singleElement().asString().startsWith("expected");
        assertThat(account.value("ALLOWLIST_CHAT_IDS")).as("what was typed is kept").contains("not-a-chat");
        browser.screenshot("account-error");

        account.set("ALLOWLIST_CHAT_IDS", "[" + FIRST_CHANNEL + ", " + THIRD_CHANNEL + "]").save();
        assertThat(account.notice()).contains("ALLOWLIST_CHAT_IDS");
        assertThat(account.sourceOf("ALLOWLIST_CHAT_IDS")).startsWith("console");
        browser.screenshot("account");

        browser.driver.get(base + "/audit");
        browser.screenshot("audit");
        assertThat(browser.driver.getPageSource()).contains("override").contains("pause");

        LoginScreen signedOut = new OverviewScreen(browser.driver).logOut();
        assertThat(signedOut.isShown()).isTrue();
        browser.driver.get(base + "/accounts/anna");
        assertThat(new LoginScreen(browser.driver).isShown()).as("the old session is over").isTrue();
    }

    private static String healthState(String account) throws Exception {
        JsonNode health = JSON.readTree(serve.get("/health").orElseThrow().body());
        for (JsonNode node : health.get("accounts")) {
            if (node.get("name").asText().equals(account)) {
                return node.get("state").asText();
            }
        }
        throw new AssertionError("no account " + account + " in /health: " + health);
    }
}
