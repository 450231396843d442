package dev.marketolog.cli;

import dev.marketolog.store.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The environment of a serve under test: one account with a secret in every secret setting, and a free HTTP port. */
final class ServeEnvironment {

    static final String API_HASH = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String OPENAI_API_KEY = "sk-test-4c1f0e2d9b8a7f6e";
    static final String SESSION_KEY = "session-key-93b1c7d2e8f4a6b0";
    static final String ADMIN_TOKEN = "admin-token-5e7d9c1b3a2f4e6d";
    static final String PROXY_PASSWORD = "proxy-pass-8a6c4e2f0b1d3f5a";
    static final String DSN_PASSWORD = "dsn-pass-2b4d6f8a0c1e3a5c";
    static final String REDIS_PASSWORD = "redis-pass-7f5d3b1a9e8c6a4e";
    static final String WEBHOOK_SECRET = "webhook-path-6d4b2f0e8c1a3e5b";
    static final String BOT_TOKEN = "123456789:bot-token-1c3e5a7b9d0f2e4c";

    /** Every value that must never appear in output, logs or responses. */
    static final List<String> SECRETS =
            List.of(API_HASH, OPENAI_API_KEY, SESSION_KEY, ADMIN_TOKEN, PROXY_PASSWORD, DSN_PASSWORD, REDIS_PASSWORD,
                    WEBHOOK_SECRET, BOT_TOKEN);

    private ServeEnvironment() {}

    /**
     * The process environment for serve on {@code db}: the test servers trust local connections, so the DSN's password
     * is carried and ignored; Redis is a closed port, so the cache reports itself down.
     */
    static Map<String, String> of(TestDatabase db, Path dataDir, int httpPort) {
        String jdbcUrl = db.dsn().jdbcUrl();
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_API_ID", "123456");
        env.put("TELEGRAM_API_HASH", API_HASH);
        env.put("OPENAI_API_KEY", OPENAI_API_KEY);
        env.put("SESSION_ENCRYPTION_KEY", SESSION_KEY);
        env.put("ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("TG_PROXY_HOST", "127.0.0.1");
        env.put("TG_PROXY_PORT", "1080");
        env.put("TG_PROXY_USER", "operator");
        env.put("TG_PROXY_PASS", PROXY_PASSWORD);
        env.put("ALLOWLIST_CHAT_IDS", "[-1001234567890, -1009876543210]");
        env.put("POSTGRES_DSN", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "password=" + DSN_PASSWORD);
        env.put("REDIS_URL", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + freePort() + "/0");
        env.put("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:" + freePort() + "/hook/" + WEBHOOK_SECRET);
        env.put("NOTIFY_TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        env.put("NOTIFY_TELEGRAM_CHAT_ID", "-1001234567890");
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("DATA_DIR", dataDir.toString());
        return env;
    }

    /** A port nothing listens on right now (HTTP_PORT must be 1-65535, so tests cannot ask for port 0). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
