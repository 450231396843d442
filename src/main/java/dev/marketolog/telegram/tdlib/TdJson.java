package dev.marketolog.telegram.tdlib;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The five functions of libtdjson, bound through {@code java.lang.foreign}. Loading this class loads the library
 * ({@link TdJsonLibrary#lookup()}), so the first use fails with {@link TdJsonLibrary.NotFound} when it is missing.
 */
final class TdJson {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBRARY = TdJsonLibrary.lookup();

    private static final MethodHandle CREATE_CLIENT_ID = bind("td_create_client_id", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SEND =
            bind("td_send", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle RECEIVE =
            bind("td_receive", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_DOUBLE));
    private static final MethodHandle EXECUTE =
            bind("td_execute", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SET_LOG_MESSAGE_CALLBACK =
            bind("td_set_log_message_callback", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** The C signature of the log callback: {@code void (*)(int verbosity_level, const char *message)}. */
    static final FunctionDescriptor LOG_CALLBACK = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);

    private TdJson() {}

    static int createClientId() {
        try {
            return (int) CREATE_CLIENT_ID.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("td_create_client_id failed", e);
        }
    }

    static void send(int clientId, String request) {
        try (Arena arena = Arena.ofConfined()) {
            SEND.invokeExact(clientId, arena.allocateFrom(request));
        } catch (Throwable e) {
            throw new IllegalStateException("td_send failed", e);
        }
    }

    /** The next answer or update of any client as JSON, or null when none arrived within {@code timeoutSeconds}. */
    static String receive(double timeoutSeconds) {
        try {
            return text((MemorySegment) RECEIVE.invokeExact(timeoutSeconds));
        } catch (Throwable e) {
            throw new IllegalStateException("td_receive failed", e);
        }
    }

    /** Runs one of TDLib's synchronous requests and returns its answer as JSON. */
    static String execute(String request) {
        try (Arena arena = Arena.ofConfined()) {
            return text((MemorySegment) EXECUTE.invokeExact(arena.allocateFrom(request)));
        } catch (Throwable e) {
            throw new IllegalStateException("td_execute failed", e);
        }
    }

    /** Installs {@code callback} (an upcall stub of {@link #LOG_CALLBACK}) for log messages up to {@code maxVerbosity}. */
    static void setLogMessageCallback(int maxVerbosity, MemorySegment callback) {
        try {
            SET_LOG_MESSAGE_CALLBACK.invokeExact(maxVerbosity, callback);
        } catch (Throwable e) {
            throw new IllegalStateException("td_set_log_message_callback failed", e);
        }
    }

    /** Reads a C string TDLib owns; it stays valid only until the next call of the same function. */
    private static String text(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LIBRARY.find(name)
                .orElseThrow(() -> new TdJsonLibrary.NotFound("the loaded libtdjson has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }
}
