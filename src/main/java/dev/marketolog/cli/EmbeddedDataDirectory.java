package dev.marketolog.cli;

import dev.marketolog.cli.DoctorCommand.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What doctor can tell of the embedded PostgreSQL without starting it (a start would unpack and initialise 100 MB, or
 * collide with the serve that runs it): whether a data directory exists there, and whether a server runs on it.
 */
final class EmbeddedDataDirectory {

    private EmbeddedDataDirectory() {}

    static Check look(Path directory) {
        String which = "embedded PostgreSQL";
        Path version = directory.resolve("PG_VERSION");
        if (!Files.isRegularFile(version)) {
            return Check.ok("database", which + ": no database yet under " + directory + " (serve creates it at its first start)");
        }
        try {
            String major = Files.readString(version).strip();
            Path pidFile = directory.resolve("postmaster.pid");
            if (Files.isRegularFile(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                String pid = lines.isEmpty() ? "" : lines.getFirst().strip();
                if (!pid.isEmpty() && Files.isDirectory(Path.of("/proc", pid))) {
                    return Check.ok("database", which + " " + major + " in " + directory + ": in use by a running serve (postmaster pid " + pid + ")");
                }
            }
            return Check.ok("database", which + " " + major + " in " + directory + ": not running (serve starts it)");
        } catch (IOException e) {
            return Check.fail("database", which + " in " + directory + " cannot be read: " + e);
        }
    }
}
