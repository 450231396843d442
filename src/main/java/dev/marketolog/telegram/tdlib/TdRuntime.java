package dev.marketolog.telegram.tdlib;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that calls {@code td_receive} for every TDLib client of the process (TDLib allows no other way), and
 * the router it feeds. The shared runtime runs on the real libtdjson; tests build their own on a scripted transport.
 */
public final class TdRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TdRuntime.class);
    /** How long one td_receive call may block; bounds how late {@link #close()} is noticed. */
    private static final double RECEIVE_TIMEOUT_SECONDS = 1.0;

    private static volatile TdRuntime shared;

    private final TdTransport transport;
    private final TdScheduler scheduler;
    private final TdRouter router = new TdRouter();
    private final Thread receiver;
    private volatile boolean running = true;

    /** A runtime on {@code transport} with the real-time timer, its receive thread started. */
    public TdRuntime(TdTransport transport) {
        this(transport, TdScheduler.realTime());
    }

    /** A runtime on {@code transport} whose timeouts and timers run on {@code scheduler}, its receive thread started. */
    public TdRuntime(TdTransport transport, TdScheduler scheduler) {
        this.transport = transport;
        this.scheduler = scheduler;
        // a platform thread: td_receive blocks in native code, which would pin a virtual thread's carrier anyway
        this.receiver = Thread.ofPlatform().name("tdlib-receive").daemon().start(this::receiveLoop);
    }

    /** The process-wide runtime on the real libtdjson (TDJSON_PATH from the environment), started on first use. */
    public static TdRuntime shared() {
        return shared(Optional.empty());
    }

    /**
     * The process-wide runtime on the real libtdjson, started on first use; {@code tdjsonPath} is TDJSON_PATH from the
     * settings. Throws {@link TdJsonLibrary.NotFound} when the library cannot be loaded.
     */
    public static TdRuntime shared(Optional<Path> tdjsonPath) {
        TdRuntime runtime = shared;
        if (runtime == null) {
            synchronized (TdRuntime.class) {
                runtime = shared;
                if (runtime == null) {
                    runtime = new TdRuntime(NativeTdTransport.get(tdjsonPath));
                    shared = runtime;
                }
            }
        }
        return runtime;
    }

    /** A new TDLib client whose updates go to {@code updates}; TDLib creates it with its first request. */
    public TdClient newClient(Consumer<TdUpdate> updates) {
        int id = transport.createClientId();
        router.register(id, updates);
        return new TdClient(id, transport, router, scheduler);
    }

    /** The timer of this runtime's clients and of the ports on them. */
    public TdScheduler scheduler() {
        return scheduler;
    }

    /** Runs one of TDLib's synchronous requests ({@code td_execute}, e.g. getOption "version"). */
    public <R extends TdObject> R execute(TdFunction<R> function) {
        TdJsonMapper json = TdJsonMapper.get();
        String answer = transport.execute(json.encode(function));
        return TdClient.decodeAnswer(function, new TdRouter.Answer(json.peek(answer).type(), answer));
    }

    public TdRouter router() {
        return router;
    }

    private void receiveLoop() {
        while (running) {
            try {
                String message = transport.receive(RECEIVE_TIMEOUT_SECONDS);
                if (message != null) {
                    router.route(message);
                }
            } catch (RuntimeException e) {
                LOG.error("the TDLib receive loop caught an error and goes on", e);
            }
        }
    }

    /** Stops the receive thread (tests); the shared runtime lives as long as the process. */
    @Override
    public void close() {
        running = false;
        try {
            receiver.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
