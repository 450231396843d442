package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.cache.Cache;
import dev.marketolog.store.Caches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;

/**
 * Passwords made of every printable ASCII character (and some others), written into POSTGRES_DSN, REDIS_URL and
 * OPENAI_BASE_URL raw and percent-encoded, go through every way a setting or its error is printed: check-config's
 * listing and problems, serve's problems and its start failing on the database, the Redis cache's outage warning.
 * None of the password may come out: each one starts and ends with a marker, so a head or a tail that leaks is found.
 */
class SecretMaskingProperties {
    private static final String HEAD = "Hq7";
    private static final String TAIL = "Tz9";
    private static final String OTHER_CHARACTERS = "пароль€éß中";

    private static int closedPort;
    private static Path dir;

    @BeforeContainer
    static void prepare() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        dir = Files.createTempDirectory("secret-masking");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One setting holding the password in one of the shapes operators write. */
    record Form(String key, String template, boolean encoded) {
        String value(String password) {
            String text = encoded ? URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") : password;
            return template.replace("PORT", String.valueOf(closedPort)).replace("PW", text);
        }
    }

    /** Raw in user-info, where every character must be survived; in a query only where `&` is encoded (see README). */
    private static final List<Form> FORMS = List.of(
            new Form("POSTGRES_DSN", "postgresql+psycopg2://user:PW@127.0.0.1:PORT/mb_db", false),
            new Form("POSTGRES_DSN", "postgresql+psycopg2://user:PW@127.0.0.1:PORT/mb_db", true),
            new Form("POSTGRES_DSN", "postgres://u@127.0.0.1:PORT/mb_db?password=PW", false),
            new Form("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:PORT/mb_db?user=u&password=PW&sslmode=disable", true),
            new Form("POSTGRES_DSN", "jdbc:postgresql://127.0.0.1:PORT/mb_db?user=u&sslpassword=PW", false),
            new Form("POSTGRES_DSN", "postgresql://u:PW@127.0.0.1:PORT/mb_db?sslpassword=PW", false),
            new Form("REDIS_URL", "redis://:PW@127.0.0.1:PORT/0", false),
            new Form("REDIS_URL", "rediss://default:PW@127.0.0.1:PORT/0", true),
            new Form("REDIS_URL", "redis://PW@127.0.0.1:PORT", true),
            new Form("REDIS_URL", "redis://:PW@127.0.0.1", false),
            new Form("OPENAI_BASE_URL", "http://user:PW@127.0.0.1:PORT/v1", false),
            new Form("OPENAI_BASE_URL", "https://PW@127.0.0.1:PORT/v1", true),
            new Form("OPENAI_BASE_URL", "http://127.0.0.1:PORT/v1?api_key=PW", false));

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars(OTHER_CHARACTERS.toCharArray()).ofMinLength(0).ofMaxLength(24)
                .map(middle -> HEAD + middle + TAIL);
    }

    @Provide
    Arbitrary<Form> forms() {
        return Arbitraries.of(FORMS);
    }

    @Provide
    Arbitrary<Map.Entry<Form, String>> settings() {
        return Combinators.combine(forms(), passwords()).as(Map::entry)
                .filter(e -> e.getKey().encoded() || !inQuery(e.getKey()) || e.getValue().indexOf('&') < 0);
    }

    private static boolean inQuery(Form form) {
        return form.template().contains("=PW");
    }

    @Property(tries = 600)
    void checkConfigNeverPrintsThePassword(@ForAll("settings") Map.Entry<Form, String> setting) {
        String password = setting.getValue();
        Map<String, String> environment = environment(setting.getKey(), password);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new CheckConfigCommand(dir, environment));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int exit = command.execute();

        assertThat(exit).isIn(0, CommandSettings.PROBLEMS);
        assertNothingOf(password, out + "\n" + err + "\n" + loadedSettings(environment));
    }

    @Property(tries = 12)
    void serveNeverPrintsThePasswordWhenTheSettingsOrTheDatabaseFail(@ForAll("passwords") String password,
            @ForAll("postgresForms") Form form) {
        Map<String, String> environment = environment(form, password);
        StringWriter err = new StringWriter();
        String logs = stderrOf(() -> {
            CommandLine command = new CommandLine(new ServeCommand(dir, environment));
            command.setErr(new PrintWriter(err, true));
            return command.execute();
        });

        assertNothingOf(password, err + "\n" + logs);
    }

    @Provide
    Arbitrary<Form> postgresForms() {
        // the query form with a raw password is left out here: its `&` is a separator by the URL rules
        return Arbitraries.of(FORMS.stream().filter(f -> f.key().equals("POSTGRES_DSN") && (f.encoded() || !inQuery(f))).toList());
    }

    @Property(tries = 100)
    void theRedisCacheNeverPrintsThePassword(@ForAll("passwords") String password, @ForAll("redisForms") Form form) {
        Optional<URI> url;
        try {
            url = SettingsLoader.load(List.of(), environment(form, password), Purpose.SERVE).process().redisUrl();
        } catch (ConfigException e) {
            return; // the problem's text is checkConfigNeverPrintsThePassword's
        }

        String logs = stderrOf(() -> {
            try (Cache cache = Caches.open(url, new SimpleMeterRegistry())) {
                return cache.get("key").isPresent() ? 1 : 0;
            }
        });

        assertThat(logs).contains("is down");
        assertNothingOf(password, logs);
    }

    @Provide
    Arbitrary<Form> redisForms() {
        // with a port of their own: one left out would be 6379, where the shared test Redis may listen
        return Arbitraries.of(FORMS.stream().filter(f -> f.key().equals("REDIS_URL") && f.template().contains("PORT")).toList());
    }

    private static Map<String, String> environment(Form form, String password) {
        return Map.of(
                "TELEGRAM_API_ID", "123456",
                "TELEGRAM_API_HASH", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "ALLOWLIST_CHAT_IDS", "[-1001]",
                "HTTP_PORT", String.valueOf(closedPort),
                "DATA_DIR", dir.resolve("data").toString(),
                form.key(), form.value(password));
    }

    /** What logging would show of the loaded settings (their toString), when they load. */
    private static String loadedSettings(Map<String, String> environment) {
        try {
            return SettingsLoader.load(List.of(), environment, Purpose.SERVE).toString();
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    /** What the code writes to standard error (where the logs go) while {@code action} runs. */
    private static String stderrOf(Supplier<Integer> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertNothingOf(String password, String shown) {
        assertThat(shown).doesNotContain(password).doesNotContain(HEAD).doesNotContain(TAIL)
                .doesNotContain(URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
}
