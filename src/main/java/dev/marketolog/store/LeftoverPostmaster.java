package dev.marketolog.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code postmaster.pid} of a data directory says about a server that may still run there. Only a process
 * whose working directory (PostgreSQL changes into its data directory) or {@code -D} argument is this directory is
 * ours to stop; a file naming this very process (a PID reused after a reboot, a container restart) is stale; any other
 * live process is a stranger, left alone.
 */
sealed interface LeftoverPostmaster {

    /** No file, or it names no live process: PostgreSQL clears such a file itself. */
    record None() implements LeftoverPostmaster {}

    /** A server on this directory, left running by a process that was killed. */
    record Ours(ProcessHandle process) implements LeftoverPostmaster {}

    /** The file names this process or one of its threads: nothing runs there, but PostgreSQL would take it for a server. */
    record Stale(Path pidFile) implements LeftoverPostmaster {}

    /** A live process that cannot be shown to serve this directory. */
    record Stranger(long pid, String command) implements LeftoverPostmaster {}

    static LeftoverPostmaster of(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return new None();
        }
        String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        Optional<ProcessHandle> process = pid.matches("\\d{1,18}")
                ? ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
                : Optional.empty();
        if (process.isEmpty()) {
            return new None();
        }
        if (isThisProcess(process.get().pid())) {
            return new Stale(pidFile);
        }
        if (serves(process.get(), dataDirectory)) {
            return new Ours(process.get());
        }
        return new Stranger(process.get().pid(), process.get().info().commandLine().orElse("command unknown"));
    }

    /** This JVM's PID, or a thread of it: Linux gives threads IDs from the same space as processes. */
    private static boolean isThisProcess(long pid) {
        long us = ProcessHandle.current().pid();
        if (pid == us) {
            return true;
        }
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .anyMatch(line -> line.matches("Tgid:\\s+" + us));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean serves(ProcessHandle process, Path dataDirectory) {
        if (sameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), dataDirectory)) {
            return true;
        }
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        int flag = arguments.indexOf("-D");
        return flag >= 0 && flag + 1 < arguments.size() && sameFile(Path.of(arguments.get(flag + 1)), dataDirectory);
    }

    /** False when either cannot be read: another user's process cannot be shown to be ours, so it is not. */
    private static boolean sameFile(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
