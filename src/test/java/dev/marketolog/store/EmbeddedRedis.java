package dev.marketolog.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/** A Redis server run by the tests (embedded-redis) on a free localhost port, which a test may stop and start again. */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port = freePort();
    private final RedisServer server;

    public EmbeddedRedis() {
        try {
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis on port " + port, e);
        }
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
