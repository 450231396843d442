package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.telegram.sim.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The panel in real headless Chromium against {@code serve} (the packaged jar as its own process) on the sandbox world
 * and real PostgreSQL, as an operator uses it, and the security rules of its pages. One browser and one serve for the
 * class: starting them is most of the time this takes. Screenshots go to target/screenshots/.
 */
@RequiresChromium
class PanelBrowserIT {

    static final String TOKEN = "panel-browser-it-7c1e9a2b4d6f8a0c";
    static final long FIRST_CHANNEL = -1001000000001L;
    static final long SECOND_CHANNEL = -1001000000002L;
    static final long THIRD_CHANNEL = -1001000000003L;
    /** Strangers write channel titles and, through the LLM, echo them in comments: both must stay text. */
    static final String HOSTILE_TITLE = "Рынок <script>window.xssTitle=1</script> \"><img src=x onerror=window.xssTitle=2>";
    static final String HOSTILE_COMMENT = "Интересный поворот, посмотрим, как это скажется на ценах уже этой осенью и зимой"
            + " <script>window.xssComment=1</script> \"><img src=x onerror=window.xssComment=2>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static ServeOnSandbox world;
    static Sandbox sandbox;
    static JarProcess serve;
    static Browser browser;
    static String base;
    static long startedNanos;

    @BeforeAll
    static void startServeAndBrowser() throws Exception {
        startedNanos = System.nanoTime();
        SimOptions options = SimOptions.builder(3, Instant.now(), Duration.ofDays(1)).history(Duration.ofMinutes(10))
                .postsPerDay(24 * 60).postGoneRate(0).title(SECOND_CHANNEL, HOSTILE_TITLE).build();
        Files.writeString(dir.resolve("anna.env"), "ALLOWLIST_CHAT_IDS=[" + FIRST_CHANNEL + ", " + SECOND_CHANNEL + "]\n");
        Files.writeString(dir.resolve("boris.env"), "ALLOWLIST_CHAT_IDS=[" + SECOND_CHANNEL + "]\n");
        world = ServeOnSandbox.start(dir, options, List.of(FIRST_CHANNEL, SECOND_CHANNEL, THIRD_CHANNEL),
                OpenAiTestServer.start().respondWith(request -> OpenAiTestServer.Reply.answer(HOSTILE_COMMENT)), TOKEN,
                Map.of("FLEET_MIN_GAP_SECONDS", "0"), "anna.env", "boris.env");
        sandbox = world.sandbox();
        serve = world.serve();
        browser = world.browser();
        base = world.base();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            // the CI time this class adds, serve's and the browser's start included
            System.out.printf("PanelBrowserIT: %.1f s in all%n", (System.nanoTime() - startedNanos) / 1e9);
        }
    }

    @Test
    void operatorSignsInPausesAnAccountFixesAnAllowlistReadsTheJournalAndSignsOut() throws Exception {
        OverviewScreen overview = signIn();
        assertThat(overview.accounts()).containsExactly("anna", "boris");
        // the chart may be up to a minute old (an earlier page drew it before the first comment): reload until it has one
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (overview.chartDrawn()) {
                return true;
            }
            browser.driver.navigate().refresh();
            return false;
        });
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

        account.set("ALLOWLIST_CHAT_IDS", "[" + FIRST_CHANNEL + ", " + SECOND_CHANNEL + ", " + THIRD_CHANNEL + "]").save();
        assertThat(account.notice()).contains("ALLOWLIST_CHAT_IDS");
        assertThat(account.sourceOf("ALLOWLIST_CHAT_IDS")).startsWith("console");
        browser.screenshot("account");

        await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.world().received().stream().anyMatch(c -> c.account().equals("anna")));
        browser.driver.get(base + "/journal");
        JournalScreen journal = new JournalScreen(browser.driver).filter("anna", "sent");
        assertThat(journal.rows()).isNotEmpty().allSatisfy(row -> assertThat(row).containsExactly("anna", "sent"));
        browser.screenshot("journal");
        HttpResponse<String> csv = get(journal.csvLink(), browserSession());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().lines().skip(1)).isNotEmpty().allSatisfy(line -> assertThat(line).contains(",anna,").contains(",sent,"));

        browser.driver.get(base + "/channels");
        assertThat(browser.driver.findElements(By.cssSelector("#channel-analytics tr[data-channel]"))).isNotEmpty();
        browser.screenshot("channels");

        browser.driver.get(base + "/audit");
        assertThat(browser.driver.findElement(By.id("audit")).getText()).contains("pause").contains("override");
        browser.screenshot("audit");

        browser.driver.get(base + "/instances");
        assertThat(browser.driver.findElement(By.cssSelector("#instances tr[data-instance]")).getText())
                .contains("this one").contains("live").contains("anna");
        browser.screenshot("instances");

        LoginScreen signedOut = new OverviewScreen(browser.driver).logOut();
        assertThat(signedOut.isShown()).isTrue();
        browser.screenshot("login");
        browser.driver.get(base + "/accounts/anna");
        assertThat(new LoginScreen(browser.driver).isShown()).as("the old session is over").isTrue();
    }

    @Test
    void channelTitlesAndCommentsWrittenByStrangersAreShownAsText() {
        signIn();
        await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.world().received().stream().anyMatch(c -> c.account().equals("anna")));
        browser.driver.get(base + "/accounts/anna");
        AccountScreen account = new AccountScreen(browser.driver);
        assertThat(account.channelTitles()).contains(HOSTILE_TITLE);
        browser.driver.get(base + "/journal?account=anna");
        assertThat(new JournalScreen(browser.driver).texts()).contains(HOSTILE_COMMENT);
        browser.driver.get(base + "/accounts/anna");

        assertThat(browser.driver.findElements(By.cssSelector("#channels img, #channels script, #journal img, #journal script"))).isEmpty();
        assertThat(browser.driver.executeScript("return [window.xssTitle, window.xssComment]")).asList().containsOnlyNulls();
    }

    @Test
    void formWithoutItsCsrfTokenIsRefusedWith403AndChangesNothing() throws Exception {
        String session = httpSession();

        HttpResponse<String> without = post("/accounts/anna/pause", session, "");
        HttpResponse<String> wrong = post("/accounts/anna/pause", session, "csrf=" + "x".repeat(43));

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(get(base + "/audit?account=anna", session).body()).doesNotContain(">pause<");
    }

    @Test
    void panelPagesCarryTheSecurityHeaders() throws Exception {
        String session = httpSession();
        for (String path : List.of("/", "/accounts/anna", "/channels", "/journal", "/audit", "/instances", "/assets/panel.js")) {
            HttpResponse<String> page = get(base + path, session);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).isPresent();
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure"));
    }

    private OverviewScreen signIn() {
        browser.driver.get(base + "/");
        LoginScreen login = new LoginScreen(browser.driver);
        return login.isShown() ? login.signIn(TOKEN) : new OverviewScreen(browser.driver);
    }

    private static String browserSession() {
        return browser.driver.manage().getCookieNamed(Panel.COOKIE).getValue();
    }

    /** A session of its own, signed in over plain HTTP. */
    private static String httpSession() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static HttpResponse<String> get(String url, String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", Panel.COOKIE + "=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String session, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", Panel.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
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
