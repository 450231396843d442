package dev.marketolog.telegram.tdlib;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real libtdjson. Its first use loads the library, lowers TDLib's own log verbosity and routes what TDLib still
 * logs (errors and warnings) to SLF4J instead of stderr.
 */
public final class NativeTdTransport implements TdTransport {

    /** TDLib's verbosity: 0 fatal, 1 errors; its warnings (2) are mostly network chatter. */
    static final int LOG_VERBOSITY = 1;

    private static final Logger TDLIB_LOG = LoggerFactory.getLogger("tdlib");

    private static final class Loaded {
        static final NativeTdTransport INSTANCE = new NativeTdTransport();
    }

    private NativeTdTransport() {
        TdJsonMapper json = TdJsonMapper.get();
        // the callback below still receives what TDLib logs; the empty stream only keeps it off stderr
        TdJson.execute(json.encode(new TdFunction.SetLogVerbosityLevel(LOG_VERBOSITY)));
        TdJson.execute(json.encode(new TdFunction.SetLogStream(new TdFunction.LogStream.LogStreamEmpty())));
        TdJson.setLogMessageCallback(LOG_VERBOSITY, logCallback());
    }

    /**
     * The process-wide binding, loading libtdjson on first use ({@code tdjsonPath}: TDJSON_PATH from the settings);
     * throws {@link TdJsonLibrary.NotFound} when it cannot be loaded.
     */
    public static NativeTdTransport get(Optional<Path> tdjsonPath) {
        TdJsonLibrary.lookup(tdjsonPath); // throws NotFound here, before any class initialisation can fail on it
        return Loaded.INSTANCE;
    }

    @Override
    public int createClientId() {
        return TdJson.createClientId();
    }

    @Override
    public void send(int clientId, String request) {
        TdJson.send(clientId, request);
    }

    @Override
    public String receive(double timeoutSeconds) {
        return TdJson.receive(timeoutSeconds);
    }

    @Override
    public String execute(String request) {
        return TdJson.execute(request);
    }

    /** Called by TDLib on its own threads; it must not call TDLib back. */
    static void onLogMessage(int verbosity, MemorySegment message) {
        try {
            String text = message.reinterpret(Long.MAX_VALUE).getString(0).strip();
            if (verbosity <= 1) {
                TDLIB_LOG.error(text);
            } else {
                TDLIB_LOG.warn(text);
            }
        } catch (RuntimeException e) {
            // an exception escaping an upcall would abort the JVM; a lost log line is the lesser harm
        }
    }

    private static MemorySegment logCallback() {
        try {
            var handle = MethodHandles.lookup().findStatic(NativeTdTransport.class, "onLogMessage",
                    MethodType.methodType(void.class, int.class, MemorySegment.class));
            // the global arena keeps the stub alive as long as TDLib may call it: for the life of the process
            return Linker.nativeLinker().upcallStub(handle, TdJson.LOG_CALLBACK, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind the TDLib log callback", e);
        }
    }
}
