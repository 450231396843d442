package dev.marketolog.telegram.tdlib;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the stand-ins for libtdjson share: client ids counted from 1, and {@code td_receive} reading a queue they fill. */
abstract class QueuedTransport implements TdTransport {

    private final AtomicInteger nextClientId = new AtomicInteger(1);
    private final BlockingQueue<String> toReceive = new LinkedBlockingQueue<>();

    @Override
    public final int createClientId() {
        return nextClientId.getAndIncrement();
    }

    @Override
    public final String receive(double timeoutSeconds) {
        try {
            return toReceive.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public final String execute(String request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " runs no synchronous requests");
    }

    /** Makes {@code td_receive} return this JSON next (after what is already queued). */
    protected final void deliver(String json) {
        toReceive.add(json);
    }
}
