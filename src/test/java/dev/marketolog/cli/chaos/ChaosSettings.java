package dev.marketolog.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run: how many SIGKILLs at most within what time box, with how many accounts.
 *
 * @param kills SIGKILLs to deliver at most; the run ends at whichever of this and {@code timeBox} comes first
 * @param timeBox how long the killing and faulting lasts
 * @param accounts sandbox accounts of serve, 5 to 10
 * @param sandboxOutage how long the sandbox stays unreachable when it is taken away
 * @param jar target/marketolog.jar
 * @param workDir where the env files, DATA_DIR, logs and the sandbox state go
 */
public record ChaosSettings(int kills, Duration timeBox, int accounts, long seed, Duration sandboxOutage, Path jar, Path workDir) {

    public ChaosSettings {
        if (accounts < 5 || accounts > 10) {
            throw new IllegalArgumentException("accounts must be 5..10, got " + accounts);
        }
    }

    /** The CI-sized run: under 4 minutes in all, as many kills as fit 150 s (at least 12, with room for a loaded machine). */
    public static ChaosSettings ciSized(Path jar, Path workDir, long seed) {
        return new ChaosSettings(Integer.MAX_VALUE, Duration.ofSeconds(150), 6, seed, Duration.ofSeconds(30), jar, workDir);
    }
}
