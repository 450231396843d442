package dev.marketolog.store;

import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;

/**
 * How long a cache call holds its caller while Redis is down: on a closed port (refused at once), and on a server that
 * accepts connections but never answers (a hung Redis: the read timeout decides).
 */
public final class RedisDownBench {

    public static void main(String[] args) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        measure("closed port", URI.create("redis://127.0.0.1:" + closedPort));
        try (ServerSocket silent = new ServerSocket(0)) {
            measure("server that never answers", URI.create("redis://127.0.0.1:" + silent.getLocalPort()));
        }
    }

    private static void measure(String label, URI url) {
        try (Cache cache = new RedisCache(url, "bench:", new SimpleMeterRegistry())) {
            long first = time(() -> cache.get("key"));
            long calls = 100_000;
            long pausing = time(() -> {
                for (int i = 0; i < calls; i++) {
                    cache.get("key");
                }
            });
            System.out.printf("%s: first call %d ms; then %.0f ns a call while waiting to retry%n",
                    label, first / 1_000_000, (double) pausing / calls);
        }
    }

    private static long time(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return System.nanoTime() - started;
    }
}
