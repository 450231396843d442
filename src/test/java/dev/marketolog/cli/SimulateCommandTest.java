package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.App;
import dev.marketolog.cli.simulate.PlaceholderWriter;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock WALL_CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final long NEWS = -1001000000001L;
    private static final long TECH = -1001000000002L;
    private static final long SPORT = -1001000000003L;
    private static final long CLOSED = -1001000000004L;

    @TempDir
    Path dir;

    private Path moscow;
    private Path yekaterinburg;
    private Path tight;

    /** What one run printed and returned. */
    private record Outcome(int exitCode, String out, String err) {}

    /** One account of the runs below, as the test reads it back from its env file. */
    private record Account(String name, Set<Long> allowlist, ZoneId zone, int perDay, int perHour, Set<Integer> activeHours) {}

    private final Map<String, Account> accounts = new HashMap<>();

    @BeforeEach
    void writeEnvFiles() throws IOException {
        moscow = envFile(".env.bot1", new Account("moscow", Set.of(NEWS, TECH, CLOSED), ZoneId.of("Europe/Moscow"), 20, 4,
                hours(5, 10, 18, 24)), "ACTIVE_WINDOWS=5-10,18-24");
        yekaterinburg = envFile(".env.bot2", new Account("bot2", Set.of(TECH, SPORT), ZoneId.of("Asia/Yekaterinburg"), 40, 8,
                hours(0, 24)), "ACTIVE_WINDOWS=0-24");
        tight = envFile(".env.bot3", new Account("bot3", Set.of(NEWS, SPORT), ZoneId.of("UTC"), 6, 2, hours(8, 12)),
                "ACTIVE_WINDOWS=8-12", "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS=60", "MIN_INTERVAL_PER_CHAT_SECONDS=600");
    }

    private static Set<Integer> hours(int... windows) {
        Set<Integer> hours = new HashSet<>();
        for (int i = 0; i < windows.length; i += 2) {
            for (int hour = windows[i]; hour < windows[i + 1]; hour++) {
                hours.add(hour);
            }
        }
        return hours;
    }

    private Path envFile(String fileName, Account account, String... more) throws IOException {
        accounts.put(account.name(), account);
        List<String> lines = new ArrayList<>(List.of(
                "ALLOWLIST_CHAT_IDS=" + account.allowlist().stream().sorted().map(String::valueOf).toList(),
                "TIMEZONE=" + account.zone().getId(),
                "MESSAGES_PER_DAY=" + account.perDay(),
                "MESSAGES_PER_HOUR=" + account.perHour()));
        if (!fileName.equals(".env.bot2")) {
            lines.add("ACCOUNT_NAME=" + account.name());
        }
        lines.addAll(List.of(more));
        return Files.write(dir.resolve(fileName), lines);
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SimulateCommand(Map.of(), WALL_CLOCK));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private String[] busyRun(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--env-file", moscow.toString(), "--env-file", yekaterinburg.toString(), "--env-file", tight.toString(),
                "--days", "3", "--start", "2026-12-01T00:00:00+03:00", "--seed", "42", "--posts-per-day", "12",
                "--peer-flood-rate", "0.05", "--flood-wait-rate", "0.05", "--forbidden-chat", String.valueOf(CLOSED),
                "--slow-mode-chat", SPORT + ":900"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] busyJson(String... more) {
        return Stream.concat(Stream.of(busyRun(more)), Stream.of("--json")).toArray(String[]::new);
    }

    private JsonNode json(Outcome outcome) throws IOException {
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Instant at(JsonNode node) {
        return OffsetDateTime.parse(node.get("at").asText()).toInstant();
    }

    @Test
    void jsonIsOneObjectOfPostsCommentsEventsAndSummary() throws IOException {
        Outcome outcome = run(busyJson());
        JsonNode root = json(outcome);

        assertThat(outcome.out()).endsWith("}\n");
        assertThat(JSON.readValues(JSON.createParser(outcome.out()), JsonNode.class).readAll()).hasSize(1);
        assertThat(names(root)).containsExactly("posts", "comments", "events", "summary");
        assertThat(root.get("posts")).isNotEmpty().allSatisfy(post ->
                assertThat(names(post)).containsExactly("chat_id", "post_id", "at"));
        assertThat(root.get("comments")).isNotEmpty().allSatisfy(comment -> {
            assertThat(names(comment)).containsExactly("account", "chat_id", "post_id", "at", "branch", "text");
            assertThat(comment.get("branch").asText()).isIn("scheduler", "instant");
            assertThat(comment.get("text").asText()).startsWith(PlaceholderWriter.MARK).contains(comment.get("post_id").asText());
        });
        assertThat(root.get("events")).isNotEmpty().allSatisfy(event -> {
            assertThat(event.get("type").asText()).isIn("flood_wait", "peer_flood", "spamblock_start", "spamblock_end",
                    "channel_banned", "slow_mode", "post_gone");
            assertThat(event.has("seconds")).isEqualTo(Set.of("flood_wait", "spamblock_start", "slow_mode").contains(event.get("type").asText()));
            assertThat(event.has("chat_id")).isEqualTo(!event.get("type").asText().startsWith("spamblock"));
        });
        assertThat(root.get("summary").get("comments").asInt()).isEqualTo(root.get("comments").size());
        assertThat(root.get("summary").get("posts").asInt()).isEqualTo(root.get("posts").size());
    }

    @Test
    void everyCommentKeepsTheGateAndTheSimulatedTelegramSawNoViolation() throws IOException {
        JsonNode root = json(run(busyJson()));
        Map<List<Long>, Instant> posts = new HashMap<>();
        root.get("posts").forEach(post -> posts.put(List.of(post.get("chat_id").asLong(), post.get("post_id").asLong()), at(post)));
        Set<String> accountPosts = new HashSet<>();
        Map<String, List<Instant>> byAccount = new HashMap<>();

        for (JsonNode comment : root.get("comments")) {
            Account account = accounts.get(comment.get("account").asText());
            List<Long> post = List.of(comment.get("chat_id").asLong(), comment.get("post_id").asLong());
            Instant at = at(comment);
            assertThat(posts).as("the post of %s", comment).containsKey(post);
            assertThat(at).as("%s after its post", comment).isAfterOrEqualTo(posts.get(post));
            assertThat(accountPosts.add(account.name() + post)).as("one comment per account and post: %s", comment).isTrue();
            assertThat(account.allowlist()).as("allowlist of %s", comment).contains(post.getFirst());
            assertThat(account.activeHours()).as("active windows of %s", comment).contains(at.atZone(account.zone()).getHour());
            byAccount.computeIfAbsent(account.name(), name -> new ArrayList<>()).add(at);
        }

        assertThat(byAccount).containsOnlyKeys(accounts.keySet());
        byAccount.forEach((name, times) -> {
            Account account = accounts.get(name);
            for (Instant time : times) {
                long inTheHour = times.stream().filter(t -> !t.isBefore(time) && t.isBefore(time.plus(Duration.ofHours(1)))).count();
                assertThat(inTheHour).as("%s in the hour from %s", name, time).isLessThanOrEqualTo(account.perHour());
            }
            Map<LocalDate, Long> perDay = new HashMap<>();
            times.forEach(t -> perDay.merge(t.atZone(account.zone()).toLocalDate(), 1L, Long::sum));
            assertThat(perDay.values()).as("%s per day", name).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(account.perDay()));
        });
        assertThat(stream(root.get("comments")).map(c -> c.get("chat_id").asLong())).doesNotContain(CLOSED);
        JsonNode violations = root.get("summary").get("gate_violations");
        assertThat(names(violations)).isNotEmpty()
                .allSatisfy(kind -> assertThat(violations.get(kind).asInt()).as(kind).isZero());
    }

    @Test
    void arraysAreInTimeOrderAndEventsNameOnlyAllowlistedChannels() throws IOException {
        JsonNode root = json(run(busyJson()));

        for (String array : List.of("posts", "comments", "events")) {
            assertThat(stream(root.get(array)).map(SimulateCommandTest::at).toList()).as(array).isSorted();
        }
        assertThat(stream(root.get("events")).filter(e -> e.has("chat_id")))
                .allSatisfy(e -> assertThat(accounts.get(e.get("account").asText()).allowlist()).contains(e.get("chat_id").asLong()));
        assertThat(stream(root.get("events")).map(e -> e.get("type").asText())).contains("channel_banned", "peer_flood", "flood_wait");
    }

    @Test
    void postsIncludeTheFreshOnesFromBeforeTheStart() throws IOException {
        JsonNode root = json(run(busyJson()));
        Instant start = Instant.parse("2026-11-30T21:00:00Z");

        assertThat(stream(root.get("posts")).map(SimulateCommandTest::at))
                .anyMatch(at -> at.isBefore(start))
                .allMatch(at -> !at.isBefore(start.minus(Duration.ofDays(1))));
    }

    @Test
    void timesCarryTheOffsetOfTheAccountsTimezone() throws IOException {
        JsonNode root = json(run(busyJson()));

        assertThat(root.get("comments")).allSatisfy(comment -> {
            Account account = accounts.get(comment.get("account").asText());
            OffsetDateTime at = OffsetDateTime.parse(comment.get("at").asText());
            assertThat(at.getOffset()).isEqualTo(account.zone().getRules().getOffset(at.toInstant()));
        });
    }

    @Test
    void dryRunCommentsAreListedAndMarkedAsSuch() throws IOException {
        Path dryRun = envFile(".env.dry", new Account("dry", Set.of(NEWS), ZoneId.of("UTC"), 10, 3, hours(0, 24)),
                "ACTIVE_WINDOWS=0-24", "DRY_RUN=true");

        JsonNode root = json(run("--env-file", dryRun.toString(), "--days", "1", "--start", "2026-12-01", "--json"));

        assertThat(root.get("comments")).isNotEmpty().allSatisfy(comment -> assertThat(comment.get("dry_run").asBoolean()).isTrue());
    }

    @Test
    void theSameArgumentsGiveTheSameOutputByteForByte() {
        Outcome first = run(busyJson());
        Outcome second = run(busyJson());

        assertThat(first.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void anotherSeedGivesAnotherWorld() {
        assertThat(run(busyJson("--seed", "43")).out()).isNotEqualTo(run(busyJson()).out());
    }

    @Test
    void startDefaultsToTheComingLocalMidnightOfTheFirstAccount() throws IOException {
        JsonNode root = json(run("--env-file", moscow.toString(), "--env-file", tight.toString(), "--days", "1", "--json"));

        // The wall clock says 2026-12-01T10:00Z, which is 13:00 in Moscow.
        assertThat(root.get("summary").get("start").asText()).isEqualTo("2026-12-02T00:00:00+03:00");
        assertThat(root.get("summary").get("seed").asLong()).isEqualTo(1);
    }

    @Test
    void withoutJsonItPrintsAReportPerAccount() {
        Outcome outcome = run(busyRun());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("moscow (Europe/Moscow", "bot2 (Asia/Yekaterinburg", "bot3 (UTC",
                "per day: 2026-12-01", "per local hour:", "spam blocks:", "channels banned: " + CLOSED,
                "Gate violations seen by the simulated Telegram: none");
    }

    @Test
    void oneOfAThingIsCountedInTheSingular() throws IOException {
        Path single = Files.write(dir.resolve(".env.single"), List.of("ALLOWLIST_CHAT_IDS=" + NEWS, "TIMEZONE=UTC"));

        Outcome outcome = run("--env-file", single.toString(), "--days", "1", "--start", "2026-12-01T00:00:00Z");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains(": 1 account, 1 channel, ");
    }

    @Test
    void logsGoToStandardErrorAndOnlyTheResultToStandardOutput() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
        try {
            // A forbidden channel makes the engine log a warning when it bans it.
            json(run(busyJson()));
        } finally {
            System.setOut(original);
        }

        assertThat(stray.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatIsWrong() {
        String env = moscow.toString();
        assertBad(run("--env-file", env, "--days", "0"), "--days");
        assertBad(run("--env-file", env, "--days", "100000"), "--days must be from 1 to 366");
        assertBad(run("--env-file", env, "--peer-flood-rate", "1.5"), "--peer-flood-rate");
        assertBad(run("--env-file", env, "--flood-wait-rate", "-0.1"), "--flood-wait-rate");
        assertBad(run("--env-file", env, "--posts-per-day", "-1"), "--posts-per-day");
        assertBad(run("--env-file", env, "--slow-mode-chat", "-1001000000001"), "CHAT_ID:SECONDS");
        assertBad(run("--env-file", env, "--slow-mode-chat", NEWS + ":0"), "CHAT_ID:SECONDS");
        assertBad(run("--env-file", env, "--forbidden-chat", "-1009999"), "-1009999");
        assertBad(run("--env-file", env, "--start", "tomorrow"), "--start");
        assertBad(run("--env-file", env, "--seed", "one"), "--seed");
        assertBad(run("--env-file", env, "--no-such-option"), "--no-such-option");
    }

    @Test
    void aYearIsTheLongestRun() {
        Outcome year = run("--env-file", moscow.toString(), "--days", String.valueOf(SimulateCommand.MAX_DAYS),
                "--posts-per-day", "0", "--json");

        assertThat(year.exitCode()).as(year.err()).isZero();
        assertBad(run("--env-file", moscow.toString(), "--days", String.valueOf(SimulateCommand.MAX_DAYS + 1)), "--days");
    }

    @Test
    void aBadEnvFileExitsWithTwoNamingTheKey() throws IOException {
        Path bad = Files.writeString(dir.resolve(".env.bad"), "ALLOWLIST_CHAT_IDS=[-1001]\nMESSAGES_PER_DAY=lots\n");

        assertBad(run("--env-file", bad.toString(), "--json"), "MESSAGES_PER_DAY");
    }

    @Test
    void withLlmAMissingPromptFileExitsWithTwoNamingIt() throws IOException {
        Path missing = dir.resolve("no-such-prompt.txt");
        Path account = envFile(".env.prompt", new Account("prompted", Set.of(NEWS), ZoneId.of("UTC"), 10, 3, hours(0, 24)),
                "PROMPT_SYSTEM_FILE=" + missing);

        assertBad(run("--env-file", account.toString(), "--llm", "--json"), "no-such-prompt.txt");
    }

    private static void assertBad(Outcome outcome, String named) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains(named);
        assertThat(outcome.out()).isEmpty();
    }

    /** Comments a model might write; distinct, so none is rejected as a copy of the account's own earlier ones. */
    private static final List<String> MODEL_ANSWERS = List.of(
            "Любопытный разбор, особенно про расходы, у нас вышло примерно так же.",
            "Согласен наполовину: в небольших городах картина заметно другая.",
            "Интересно было бы увидеть цифры за прошлый год для сравнения.",
            "Попробовали похожий подход на работе, экономия действительно есть.",
            "Хороший повод пересмотреть свои привычки, спасибо за подборку.",
            "Второй пункт спорный, но в целом с выводами трудно не согласиться.");

    private Path llmAccount(OpenAiTestServer server) throws IOException {
        return envFile(".env.llm", new Account("writer", Set.of(NEWS, TECH), ZoneId.of("Europe/Moscow"), 10, 3, hours(0, 24)),
                "ACTIVE_WINDOWS=0-24", "OPENAI_BASE_URL=" + server.baseUrl(), "LLM_MAX_RETRIES=0");
    }

    @Test
    void withLlmTheModelWritesTheCommentsAndItsCallsAreCounted() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (OpenAiTestServer server = OpenAiTestServer.start()) {
            server.respondWith(request -> Reply.answer(MODEL_ANSWERS.get(calls.getAndIncrement() % MODEL_ANSWERS.size())));
            JsonNode root = json(run("--env-file", llmAccount(server).toString(), "--days", "1", "--start", "2026-12-01",
                    "--llm", "--json"));
            JsonNode summary = root.get("summary");

            assertThat(root.get("comments")).isNotEmpty()
                    .allSatisfy(comment -> assertThat(MODEL_ANSWERS).contains(comment.get("text").asText()));
            assertThat(summary.get("llm_calls").asInt()).isEqualTo(server.chatRequestCount()).isPositive();
            assertThat(summary.get("llm_calls_per_comment").asDouble())
                    .isEqualTo(summary.get("llm_calls").asDouble() / summary.get("comments").asInt());
        }
    }

    @Test
    void withLlmAPostTheModelSkipsIsNotCommented() throws IOException {
        try (OpenAiTestServer server = OpenAiTestServer.start()) {
            server.respondWith(request -> Reply.answer("SKIP"));
            JsonNode root = json(run("--env-file", llmAccount(server).toString(), "--days", "1", "--start", "2026-12-01",
                    "--llm", "--json"));

            assertThat(root.get("comments")).isEmpty();
            assertThat(root.get("summary").get("llm_calls").asInt()).isEqualTo(server.chatRequestCount()).isPositive();
            assertThat(root.get("summary").get("skipped_by_reason").get("writer_declined").asInt()).isPositive();
        }
    }

    @Test
    void withoutLlmTheSummaryHasNoLlmCalls() throws IOException {
        assertThat(json(run(busyJson())).get("summary").has("llm_calls")).isFalse();
    }

    @Test
    void theAppKnowsTheSimulateCommand() {
        StringWriter out = new StringWriter();
        CommandLine app = new CommandLine(new App());
        app.setOut(new PrintWriter(out, true));

        assertThat(app.execute("simulate", "--help")).isZero();
        assertThat(out.toString()).contains("--posts-per-day", "--slow-mode-chat", "--json");
    }
}
