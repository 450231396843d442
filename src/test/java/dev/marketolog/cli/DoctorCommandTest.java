package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** doctor against the real libtdjson, a test PostgreSQL, the in-process cache and a local OpenAI-compatible server. */
@RequiresTdjson
class DoctorCommandTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static String run(Path env) {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new DoctorCommand()).execute("--env-file", env.toString());
            return exit + "\n" + captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void reportsEveryCheckOnItsOwnLineAndFailsWhileASessionNeedsLogin(@TempDir Path dir) throws Exception {
        HttpServer llm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        llm.createContext("/v1/models", exchange -> {
            byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"llama3.1:8b\",\"object\":\"model\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        llm.start();
        Path env = dir.resolve(".env.bot1");
        Files.writeString(env, """
                TELEGRAM_API_ID=1
                TELEGRAM_API_HASH=00000000000000000000000000000000
                ALLOWLIST_CHAT_IDS=[-1001234]
                DATA_DIR=%s
                POSTGRES_DSN=%s
                OPENAI_BASE_URL=http://127.0.0.1:%d/v1
                OPENAI_API_KEY=local-key
                """.formatted(dir.resolve("data"), db.dsn().jdbcUrl(), llm.getAddress().getPort()));
        String output;
        try {
            output = run(env);
        } finally {
            llm.stop(0);
        }

        List<String> lines = output.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("1");
        assertThat(lines).anyMatch(l -> l.startsWith("ok    libtdjson: TDLib 1.8.65 from "))
                .anyMatch(l -> l.startsWith("ok    database: PostgreSQL at POSTGRES_DSN answers"))
                .anyMatch(l -> l.startsWith("ok    cache: in-process cache"))
                .anyMatch(l -> l.startsWith("ok    LLM http://127.0.0.1:") && l.contains("1 models, llama3.1:8b among them"))
                .anyMatch(l -> l.startsWith("FAIL  session bot1: needs login (waitPhoneNumber): run marketolog login --env-file "));
        assertThat(output).doesNotContain("local-key").doesNotContain("00000000000000000000000000000000");
    }
}
