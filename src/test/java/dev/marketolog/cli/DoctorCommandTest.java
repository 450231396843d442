package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.tdlib.RequiresTdjson;
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
}
