package dev.marketolog.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link EmbeddedDatabaseTest}: starts the embedded database, says so, and waits to be killed. */
final class KilledProcess {
    static final String STARTED = "started";

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.start(Path.of(args[0]), 0);
        System.out.println(STARTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
