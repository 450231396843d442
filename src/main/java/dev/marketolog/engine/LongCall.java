package dev.marketolog.engine;

import java.util.function.Supplier;

/**
 * The account's long call in flight (the writer, the send), so that a lost lease can cut it short from another thread:
 * the caller is interrupted, and the Telegram adapter then withdraws a pending comment as on its send timeout. The
 * interrupt never outlives the call, so the account's next store call is not hit by it.
 */
final class LongCall {

    private Thread caller;
    private boolean cut;

    /** Runs {@code call} on this thread; when {@link #cut} came first, the call starts interrupted. */
    <T> T run(Supplier<T> call) {
        synchronized (this) {
            caller = Thread.currentThread();
            if (cut) {
                caller.interrupt();
            }
        }
        try {
            return call.get();
        } finally {
            synchronized (this) {
                caller = null;
                Thread.interrupted();
            }
        }
    }

    /** Interrupts the call in flight, and every later one until {@link #allow}. */
    synchronized void cut() {
        cut = true;
        if (caller != null && caller != Thread.currentThread()) {
            caller.interrupt();
        }
    }

    /** Calls run normally again (the account holds a new lease). */
    synchronized void allow() {
        cut = false;
    }
}
