package dev.marketolog.web.console.panel;

import dev.marketolog.cli.chaos.JarProcess;
import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.sim.SimOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the panel's browser tests drive: {@code serve} (the packaged jar as its own process) on a sandbox world, real
 * PostgreSQL and the LLM test server, with a console token, and one headless Chromium. {@link #close()} stops what
 * started, the browser first.
 */
record ServeOnSandbox(TestDatabase db, Sandbox sandbox, OpenAiTestServer llm, JarProcess serve, Browser browser, int port)
        implements AutoCloseable {

    /**
     * Starts everything; {@code settings} go to serve's environment on top of the common ones (sandbox, database, LLM,
     * token, all-day windows, second-long delays and intervals), and serve reads {@code envFiles} from {@code dir}.
     */
    static ServeOnSandbox start(Path dir, SimOptions world, List<Long> channels, OpenAiTestServer llm, String token,
            Map<String, String> settings, String... envFiles) throws Exception {
        List<AutoCloseable> started = new ArrayList<>(List.of(llm));
        try {
            TestDatabase db = TestDatabase.create();
            started.add(db);
            Sandbox sandbox = Sandbox.start(world, channels, 0, Optional.empty());
            started.add(sandbox);
            int port = JarProcess.freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "TELEGRAM_API_ID", "123456",
                    "TELEGRAM_API_HASH", "0123456789abcdef0123456789abcdef",
                    "TELEGRAM_SANDBOX_URL", sandbox.url(),
                    "POSTGRES_DSN", db.dsn().jdbcUrl(),
                    "OPENAI_BASE_URL", llm.baseUrl().toString(),
                    "HTTP_HOST", "127.0.0.1",
                    "HTTP_PORT", Integer.toString(port),
                    "DATA_DIR", dir.resolve("data").toString(),
                    "ADMIN_TOKEN", token,
                    "ACTIVE_WINDOWS", "0-24"));
            env.putAll(Map.of("INSTANT_COMMENT_DELAY_SECONDS", "1", "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", "1",
                    "MIN_INTERVAL_PER_CHAT_SECONDS", "1"));
            env.putAll(settings);
            List<String> arguments = new ArrayList<>(List.of("serve"));
            for (String file : envFiles) {
                arguments.addAll(List.of("--env-file", file));
            }
            JarProcess serve = JarProcess.start(Path.of(System.getProperty("marketolog.jar")), dir, env, port,
                    dir.resolve("serve.log"), arguments.toArray(String[]::new));
            started.add(() -> serve.stop(Duration.ofSeconds(20)));
            if (serve.awaitHealthy(Duration.ofSeconds(120)).isEmpty()) {
                throw new IllegalStateException("serve did not start: " + serve.logTail(40));
            }
            return new ServeOnSandbox(db, sandbox, llm, serve, Browser.start(), port);
        } catch (Exception | Error e) {
            closeAll(started.reversed());
            throw e;
        }
    }

    /** http://127.0.0.1:port, where serve answers. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        closeAll(List.of(browser, () -> serve.stop(Duration.ofSeconds(20)), llm, sandbox, db));
    }

    /** Closes every part, even after one fails; the first failure is thrown with the others suppressed. */
    private static void closeAll(List<AutoCloseable> parts) throws Exception {
        Exception first = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
