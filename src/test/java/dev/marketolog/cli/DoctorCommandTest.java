package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor against the real libtdjson, a test PostgreSQL, the in-process cache and a local OpenAI-compatible server. */
@RequiresTdjson
class DoctorCommandTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @Test
    void reportsEveryCheckOnItsOwnLineAndFailsWhileASessionNeedsLogin(@TempDir Path dir) throws Exception {
        CommandRun run;
        try (OpenAiTestServer llm = OpenAiTestServer.start().models("llama3.1:8b")) {
            Path env = CommandRun.accountEnvFile(dir, "POSTGRES_DSN=" + db.dsn().jdbcUrl(), "OPENAI_BASE_URL=" + llm.baseUrl(),
                    "OPENAI_API_KEY=local-key");
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());
        }

        List<String> lines = run.out().lines().toList();
        assertThat(run.exit()).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.startsWith("ok    libtdjson: TDLib 1.8.65 from "))
                .anyMatch(l -> l.startsWith("ok    database: PostgreSQL at POSTGRES_DSN answers"))
                .anyMatch(l -> l.startsWith("ok    cache: in-process cache"))
                .anyMatch(l -> l.startsWith("ok    LLM http://127.0.0.1:") && l.contains("1 models, llama3.1:8b among them"))
                .anyMatch(l -> l.startsWith("FAIL  session bot1: needs login (waitPhoneNumber): run marketolog login --env-file "));
        assertThat(run.out()).doesNotContain("local-key").doesNotContain("00000000000000000000000000000000");
    }

    /** Passwords with every URL delimiter, and a server that echoes the key cut short: doctor's lines show none of them. */
    @Test
    void showsNoSecretInItsLinesOrLogs(@TempDir Path dir) throws Exception {
        String password = "Hq7 /?#@:%&=+Tz9";
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String key = "sk-OPENAIsecret-7f3a9c";
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CommandRun run;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (OpenAiTestServer llm = OpenAiTestServer.start()) {
            llm.modelsReply(OpenAiTestServer.Reply.error(401, "Incorrect API key provided: sk-OPENAIsec****7f3a9c.", "invalid_request_error",
                    "invalid_api_key"));
            Path env = CommandRun.accountEnvFile(dir,
                    "POSTGRES_DSN=postgresql://u:" + encoded + "@127.0.0.1:" + closed + "/db?sslpassword=" + encoded,
                    "REDIS_URL=redis://default:" + encoded + "@127.0.0.1:" + closed + "/0",
                    "OPENAI_BASE_URL=" + llm.baseUrl(), "OPENAI_API_KEY=" + key);
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            run = CommandRun.of(new DoctorCommand(), "--env-file", env.toString());
        } finally {
            System.setErr(originalErr);
        }

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  database: PostgreSQL at POSTGRES_DSN", "FAIL  cache: Redis at REDIS_URL",
                "FAIL  LLM http://127.0.0.1:", "Incorrect API key provided: ****");
        for (String shown : List.of(run.out(), logs.toString(StandardCharsets.UTF_8))) {
            assertThat(shown).doesNotContain("Hq7", "Tz9", "sk-OPENAIsec", key);
        }
    }
}
