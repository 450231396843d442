package dev.marketolog.cli.sandbox;

/**
 * Rung whenever any account of the world gets an update: a long poll for many accounts waits on this one bell rather
 * than on each account's mailbox.
 */
final class Bell {

    private long rings;

    synchronized long rings() {
        return rings;
    }

    synchronized void ring() {
        rings++;
        notifyAll();
    }

    /** Waits until the bell has rung since it had rung {@code seen} times, or until {@code deadline} ({@link System#nanoTime}). */
    synchronized void await(long seen, long deadline) throws InterruptedException {
        while (rings == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
