package dev.marketolog.store;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis server for one test with a key prefix of its own. Use it as
 * {@code @AutoClose static final TestRedis redis = TestRedis.create();} and put {@code redis.keyPrefix()} in front of
 * every key (as {@link RedisCache} does). When TEST_REDIS_URL is set (CI exports {@code redis://127.0.0.1:6379}) that
 * server is used; otherwise one embedded Redis is started per JVM on a free port. {@link #close()} deletes the keys
 * under the prefix, so parallel test runs never see each other.
 */
public final class TestRedis implements AutoCloseable {

    private final String keyPrefix = "test:" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";

    private TestRedis() {}

    public static TestRedis create() {
        return new TestRedis();
    }

    public URI uri() {
        return Server.ADDRESS;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public void close() {
        try (Jedis jedis = new Jedis(Server.ADDRESS)) {
            ScanParams ours = new ScanParams().match(keyPrefix + "*").count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, ours);
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    /** TEST_REDIS_URL, or one embedded Redis per JVM, stopped when the JVM exits. */
    private static final class Server {
        static final URI ADDRESS = address();

        private static URI address() {
            String given = System.getenv("TEST_REDIS_URL");
            if (given != null && !given.isBlank()) {
                return URI.create(given);
            }
            EmbeddedRedis embedded = new EmbeddedRedis();
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
            return embedded.uri();
        }
    }
}
