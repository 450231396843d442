package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.engine.AccountLive;
import dev.marketolog.engine.ChannelView;
import dev.marketolog.engine.RunState;
import dev.marketolog.store.JdbcChannelStateStore;
import dev.marketolog.store.JdbcFeedbackStore;
import dev.marketolog.store.JdbcSeenPostStore;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.Post;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP on real PostgreSQL (each test its own database). */
class AdminApiTest {

    private static final long NEWS = -1001000000001L;
    private static final long SHOP = -1001000000002L;
    private static final long GONE = -1001000000003L;
    private static final String SCRIPT_TITLE = "<script>alert('title')</script>";
    private static final String IMG_COMMENT = "\"><img src=x onerror=alert(1)>";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final TestDatabase db = TestDatabase.create();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AccountLive> live = new ArrayList<>();
    private final ConsoleFixture console = new ConsoleFixture(db.dataSource(), InstantSource.system(),
            Map.of("ACCOUNT_NAME", "bot", "ALLOWLIST_CHAT_IDS", NEWS + "," + SHOP + "," + GONE, "MESSAGES_PER_DAY", "40"),
            () -> live);

    @AfterEach
    void close() {
        console.close();
        db.close();
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private void botRunsWithItsChannels() {
        live.add(new AccountLive("bot", RunState.RUNNING, false, 40, NOW.minus(1, ChronoUnit.HOURS),
                Optional.of(NOW.plusSeconds(600)), List.of(NEWS, SHOP, GONE),
                Map.of(NEWS, new ChannelView(NEWS, Optional.of(SCRIPT_TITLE), Optional.empty()),
                        SHOP, new ChannelView(SHOP, Optional.of("Shop"), Optional.of("no discussion group"))),
                2));
    }

    @Test
    void accountsShowStateTodaysCountNextLookAndEveryChannelsState() throws Exception {
        botRunsWithItsChannels();
        console.insertComment("bot", NEWS, 1, "scheduler", "sent", "today", null, NOW.minusSeconds(60));
        console.insertComment("bot", NEWS, 2, "instant", "sent", "yesterday", null, NOW.minus(2, ChronoUnit.DAYS));
        new JdbcChannelStateStore(db.dataSource()).ban("bot", GONE, "CHANNEL_PRIVATE", NOW);

        JsonNode listed = body(console.http().get("/api/v1/accounts")).get("accounts").get(0);
        JsonNode bot = body(console.http().get("/api/v1/accounts/bot"));

        assertThat(listed.get("sent_today").asInt()).isEqualTo(1);
        assertThat(listed.get("channels").get("open").asInt()).isEqualTo(1);
        assertThat(listed.get("channels").get("unusable").asInt()).isEqualTo(1);
        assertThat(listed.get("channels").get("banned").asInt()).isEqualTo(1);
        assertThat(bot.get("name").asText()).isEqualTo("bot");
        assertThat(bot.get("state").asText()).isEqualTo("running");
        assertThat(bot.get("sent_today").asInt()).as("only the rows since the day start").isEqualTo(1);
        assertThat(bot.get("daily_limit").asInt()).isEqualTo(40);
        assertThat(Instant.parse(bot.get("next_look").asText())).isEqualTo(NOW.plusSeconds(600));
        assertThat(bot.get("spam_block_until").isNull()).isTrue();
        assertThat(bot.get("failures").asLong()).isEqualTo(2);
        JsonNode channels = bot.get("channels");
        assertThat(channels.get(0).get("state").asText()).isEqualTo("open");
        assertThat(channels.get(1).get("state").asText()).isEqualTo("unusable");
        assertThat(channels.get(1).get("reason").asText()).isEqualTo("no discussion group");
        assertThat(channels.get(2).get("state").asText()).isEqualTo("banned");
        assertThat(channels.get(2).get("reason").asText()).isEqualTo("CHANNEL_PRIVATE");
    }

    @Test
    void anUnknownAccountIsA404WithAJsonError() throws Exception {
        HttpResponse<String> response = console.http().get("/api/v1/accounts/nobody");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("error").asText()).isEqualTo("no account named nobody");
    }

    @Test
    void titlesAndCommentsWrittenByStrangersComeBackAsPlainJsonStrings() throws Exception {
        botRunsWithItsChannels();
        console.insertComment("bot", NEWS, 7, "scheduler", "sent", IMG_COMMENT, "https://t.me/c/1000000001/70", NOW);

        HttpResponse<String> accounts = console.http().get("/api/v1/accounts/bot");
        HttpResponse<String> journal = console.http().get("/api/v1/journal");

        assertThat(accounts.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(body(accounts).get("channels").get(0).get("title").asText()).isEqualTo(SCRIPT_TITLE);
        JsonNode row = body(journal).get("rows").get(0);
        assertThat(row.get("text").asText()).isEqualTo(IMG_COMMENT);
        assertThat(row.get("link").asText()).isEqualTo("https://t.me/c/1000000001/70");
    }

    @Test
    void theJournalCursorWalksEveryMatchingRowOnceNewestFirst() throws Exception {
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 57; i++) {
            // pairs of rows share a time, so the cursor must break ties by id
            Instant at = NOW.minusSeconds(60L * (i / 2));
            long id = console.insertComment("bot", i % 3 == 0 ? SHOP : NEWS, 100 + i, i % 2 == 0 ? "scheduler" : "instant",
                    i % 5 == 0 ? "failed" : "sent", "comment " + i, null, at);
            if (i % 3 != 0) {
                expected.add(id);
            }
        }

        List<Long> walked = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/v1/journal?account=bot&channel=" + NEWS + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = body(console.http().get(query));
            page.get("rows").forEach(row -> {
                walked.add(row.get("id").asLong());
                times.add(Instant.parse(row.get("at").asText()));
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    }

    @Test
    void theJournalFiltersByStatusBranchAndTimeRange() throws Exception {
        long failed = console.insertComment("bot", NEWS, 1, "instant", "failed", "x", null, NOW.minusSeconds(30));
        console.insertComment("bot", NEWS, 2, "scheduler", "failed", "y", null, NOW.minusSeconds(20));
        console.insertComment("bot", NEWS, 3, "instant", "sent", "z", null, NOW.minusSeconds(10));
        console.insertComment("bot", NEWS, 4, "instant", "failed", "old", null, NOW.minus(3, ChronoUnit.DAYS));
        String from = URLEncoder.encode(NOW.minus(1, ChronoUnit.DAYS).toString(), StandardCharsets.UTF_8);

        JsonNode rows = body(console.http().get("/api/v1/journal?status=failed&branch=instant&from=" + from)).get("rows");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(failed);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(rows.get(0).get("branch").asText()).isEqualTo("instant");
    }

    @Test
    void wrongQueryParametersAreOne400NamingEachNeverA500() throws Exception {
        HttpResponse<String> response = console.http().get("/api/v1/journal?status=lost&limit=0&from=yesterday&cursor=%21%21");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problems = body(response).get("problems");
        List<String> fields = new ArrayList<>();
        problems.forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("status", "limit", "from", "cursor");
        assertThat(problems.get(0).get("expected").asText()).isNotBlank();
    }

    @Test
    void theCsvExportQuotesAsRfc4180AndDefusesFormulas() throws Exception {
        console.insertComment("bot", NEWS, 1, "scheduler", "sent", "=HYPERLINK(\"http://evil\")", null, NOW.minusSeconds(20));
        console.insertComment("bot", NEWS, 2, "scheduler", "sent", "a, \"quoted\"\nsecond line", null, NOW.minusSeconds(10));
        console.insertComment("bot", NEWS, 3, "scheduler", "sent", "@SUM(1)", null, NOW);

        HttpResponse<String> response = console.http().get("/api/v1/journal.csv?account=bot");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String csv = response.body();
        assertThat(csv).startsWith(String.join(",", JournalApi.CSV_HEADER) + "\r\n");
        assertThat(csv).contains(",'@SUM(1),");
        assertThat(csv).contains(",\"a, \"\"quoted\"\"\nsecond line\",");
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",");
        assertThat(csv).as("numbers are not defused").contains("," + NEWS + ",");
        assertThat(csv.split("\r\n")).hasSize(4);
    }

    @Test
    void anOverrideWithThreeBadValuesIsOne400ListingAllThreeAndChangesNothing() throws Exception {
        HttpResponse<String> response = console.http().send("PATCH", "/api/v1/accounts/bot/settings",
                "{\"MESSAGES_PER_DAY\": \"lots\", \"TIMEZONE\": \"Mars/Olympus\", \"ACTIVE_WINDOWS\": \"25-3\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        body(response).get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("MESSAGES_PER_DAY", "TIMEZONE", "ACTIVE_WINDOWS");
        JsonNode settings = body(console.http().get("/api/v1/accounts/bot/settings")).get("settings");
        settings.forEach(setting -> assertThat(setting.get("source").asText()).isNotEqualTo("console"));
        assertThat(body(console.http().get("/api/v1/audit")).get("entries")).isEmpty();
    }

    @Test
    void anOverrideIsStoredWithItsSourceAuditedAndReset() throws Exception {
        HttpResponse<String> changed = console.http().send("PATCH", "/api/v1/accounts/bot/settings", "{\"MESSAGES_PER_DAY\": 25}");

        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode change = body(changed).get("changes").get(0);
        assertThat(change.get("key").asText()).isEqualTo("MESSAGES_PER_DAY");
        assertThat(change.get("old_value").asText()).isEqualTo("40");
        assertThat(change.get("new_value").asText()).isEqualTo("25");
        assertThat(setting("MESSAGES_PER_DAY").get("source").asText()).isEqualTo("console");

        assertThat(console.http().send("DELETE", "/api/v1/accounts/bot/settings/MESSAGES_PER_DAY", "").statusCode()).isEqualTo(200);
        assertThat(setting("MESSAGES_PER_DAY").get("value").asText()).isEqualTo("40");

        JsonNode audit = body(console.http().get("/api/v1/audit?account=bot")).get("entries");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("action").asText()).isEqualTo("reset");
        assertThat(audit.get(1).get("action").asText()).isEqualTo("override");
        assertThat(audit.get(1).get("address").asText()).isEqualTo("127.0.0.1");
    }

    private JsonNode setting(String key) throws Exception {
        for (JsonNode setting : body(console.http().get("/api/v1/accounts/bot/settings")).get("settings")) {
            if (setting.get("key").asText().equals(key)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + key);
    }

    @Test
    void commandsAreAcceptedAuditedAndAnUnknownAccountIs404() throws Exception {
        HttpResponse<String> pause = console.http().send("POST", "/api/v1/accounts/bot/pause", "");
        HttpResponse<String> clear = console.http().send("DELETE", "/api/v1/accounts/bot/bans/" + GONE, "");
        HttpResponse<String> badChannel = console.http().send("DELETE", "/api/v1/accounts/bot/bans/gone", "");
        HttpResponse<String> nobody = console.http().send("POST", "/api/v1/accounts/nobody/resume", "");

        assertThat(pause.statusCode()).isEqualTo(202);
        assertThat(body(pause).get("command_id").asLong()).isPositive();
        assertThat(clear.statusCode()).isEqualTo(202);
        assertThat(badChannel.statusCode()).isEqualTo(400);
        assertThat(body(badChannel).get("problems").get(0).get("field").asText()).isEqualTo("channel");
        assertThat(nobody.statusCode()).isEqualTo(404);
        List<String> actions = new ArrayList<>();
        body(console.http().get("/api/v1/audit")).get("entries").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("clear-ban", "pause");
    }

    @Test
    void channelsShowPostsSeenOurCommentsPerDayTheirFeedbackDeletionsAndEachAccountsLastComment() throws Exception {
        botRunsWithItsChannels();
        Instant today = NOW.truncatedTo(ChronoUnit.DAYS).plusSeconds(60);
        Instant yesterday = today.minus(1, ChronoUnit.DAYS);
        long first = console.insertComment("bot", NEWS, 1, "scheduler", "sent", "a", null, yesterday);
        long deleted = console.insertComment("bot", NEWS, 2, "scheduler", "sent", "b", null, today);
        console.insertComment("bot", NEWS, 3, "instant", "failed", "not ours to count", null, today);
        console.insertComment("bot", NEWS, 4, "scheduler", "sent", "old", null, NOW.minus(30, ChronoUnit.DAYS));
        console.markDeleted(deleted, today.plusSeconds(60));
        JdbcSeenPostStore seen = new JdbcSeenPostStore(db.dataSource());
        List<Post> posts = List.of(new Post(NEWS, 1, yesterday, "x"), new Post(NEWS, 2, today, "y"), new Post(NEWS, 5, yesterday, "z"));
        seen.add(posts, today);
        seen.add(posts.subList(0, 1), today.plusSeconds(10)); // another account sees the same post
        new JdbcFeedbackStore(db.dataSource()).record(List.of(first, deleted),
                Map.of(first, new CommentFeedback(3, 1), deleted, new CommentFeedback(1, 2)), today.plusSeconds(30));

        JsonNode channels = body(console.http().get("/api/v1/channels?days=7")).get("channels");

        assertThat(channels).hasSize(1);
        JsonNode news = channels.get(0);
        assertThat(news.get("channel_id").asLong()).isEqualTo(NEWS);
        assertThat(news.get("title").asText()).isEqualTo(SCRIPT_TITLE);
        assertThat(news.get("comments").asInt()).isEqualTo(2);
        assertThat(news.get("comments_per_day")).hasSize(2);
        assertThat(news.get("comments_per_day").get(0).get("day").asText()).isEqualTo(yesterday.toString().substring(0, 10));
        assertThat(news.get("deleted").asInt()).isEqualTo(1);
        assertThat(news.get("posts_seen").asInt()).isEqualTo(3);
        assertThat(news.get("posts_seen_per_day")).hasSize(2);
        assertThat(news.get("posts_seen_per_day").get(0).get("day").asText()).isEqualTo(yesterday.toString().substring(0, 10));
        assertThat(news.get("posts_seen_per_day").get(0).get("posts").asInt()).isEqualTo(2);
        assertThat(news.get("posts_seen_per_day").get(1).get("posts").asInt()).isEqualTo(1);
        assertThat(news.get("comments_read").asInt()).isEqualTo(2);
        assertThat(news.get("reactions").asInt()).isEqualTo(4);
        assertThat(news.get("replies").asInt()).isEqualTo(3);
        assertThat(news.get("last_comment_by_account").get(0).get("account").asText()).isEqualTo("bot");
        assertThat(Instant.parse(news.get("last_comment_by_account").get(0).get("at").asText())).isEqualTo(today);
        assertThat(console.http().get("/api/v1/channels?days=0").statusCode()).isEqualTo(400);
    }
}
