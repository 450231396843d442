package dev.marketolog.cli;

import dev.marketolog.store.InstanceIdentity;
import java.nio.file.Path;

/** Run in a child JVM by {@link ServeDataDirLockTest}: claims DATA_DIR as serve does, says so, and waits to be killed. */
final class HoldsDataDir {
    static final String HELD = "held";

    public static void main(String[] args) throws Exception {
        InstanceIdentity.claim(Path.of(args[0]));
        System.out.println(HELD);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
