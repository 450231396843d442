package dev.marketolog.telegram.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's link to a sandbox: its HTTP client, the sandbox's address, the name of this {@code serve} instance, and
 * one long poll ({@code POST /api/updates}) that carries the updates of every account listening through it, on one
 * virtual thread, each account's in order. A long poll per account answered 50 times a second for 1,000 accounts, and
 * that HTTP and JSON were most of {@code serve}'s CPU at steady state. An account the sandbox no longer knows (it
 * restarted) is connected again.
 */
public final class SandboxLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxLink.class);
    private static final ObjectMapper JSON = SandboxJson.mapper();
    private static final Duration POLL = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /**
     * How long the poll waits, after an account joined, for others to join before it is sent again: at the start the
     * accounts join one after another, and each would otherwise cut a poll short.
     */
    private static final Duration JOIN_PAUSE = Duration.ofMillis(200);

    private final HttpClient http;
    private final URI sandbox;
    private final String instance;
    private final URI updates;
    private final Map<String, SandboxTelegram> listening = new ConcurrentHashMap<>();
    // guarded by this
    private Thread poller;
    private CompletableFuture<HttpResponse<byte[]>> inFlight;
    private boolean closed;

    private SandboxLink(HttpClient http, URI sandbox, String instance) {
        this.http = http;
        this.sandbox = sandbox;
        this.instance = instance;
        this.updates = sandbox.resolve("/api/updates");
    }

    /**
     * A link to the sandbox at {@code sandbox}; nothing is sent before an account connects.
     *
     * @param instance names this {@code serve} instance in the sandbox's record
     */
    public static SandboxLink open(HttpClient http, URI sandbox, String instance) {
        return new SandboxLink(http, sandbox, instance);
    }

    HttpClient http() {
        return http;
    }

    URI sandbox() {
        return sandbox;
    }

    String instance() {
        return instance;
    }

    /** The account's updates come from now on through the link's poll; a poll under way is sent again with it. */
    synchronized void listen(SandboxTelegram account) {
        if (closed) {
            return;
        }
        listening.put(account.name(), account);
        if (poller == null) {
            poller = Thread.ofVirtual().name("sandbox-updates").start(this::poll);
        } else if (inFlight != null) {
            inFlight.cancel(true);
        }
    }

    /** The account's updates are no longer asked for. */
    void forget(SandboxTelegram account) {
        listening.remove(account.name(), account);
    }

    /** Stops the poll. */
    @Override
    public synchronized void close() {
        closed = true;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        if (poller != null) {
            poller.interrupt();
        }
    }

    private void poll() {
        while (true) {
            CompletableFuture<HttpResponse<byte[]>> answer;
            synchronized (this) {
                if (closed) {
                    return;
                }
                // built under the lock: an account that joins after this finds the request in flight and cuts it
                answer = http.sendAsync(request(), HttpResponse.BodyHandlers.ofByteArray());
                inFlight = answer;
            }
            try {
                deliver(answer.get());
            } catch (CancellationException joined) {
                pause(JOIN_PAUSE);
            } catch (InterruptedException stop) {
                return;
            } catch (ExecutionException | IOException | RuntimeException e) {
                log.debug("sandbox updates: {}", e.toString());
                pause(RETRY_PAUSE);
            }
        }
    }

    private HttpRequest request() {
        Map<String, Long> after = new HashMap<>();
        listening.forEach((name, account) -> after.put(name, account.nextUpdate()));
        try {
            return HttpRequest.newBuilder(updates).timeout(POLL.plus(REQUEST_TIMEOUT))
                    .header("Content-Type", "application/json")
                    .header(SandboxJson.INSTANCE_HEADER, instance)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(new WireUpdate.Poll(after, POLL.toSeconds()))))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deliver(HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("updates answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        WireUpdate.Batches batches = JSON.readValue(response.body(), WireUpdate.Batches.class);
        batches.accounts().forEach((name, batch) -> {
            SandboxTelegram account = listening.get(name);
            if (account != null) {
                account.deliver(batch);
            }
        });
        for (String name : batches.unknown()) {
            SandboxTelegram account = listening.get(name);
            if (account != null) {
                account.reconnect();
            }
        }
    }

    /** Sleeps; the link closed meanwhile ends it, and the loop then sees it closed. */
    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException closed) {
            // the loop ends at its next turn
        }
    }
}
