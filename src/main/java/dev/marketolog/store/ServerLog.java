package dev.marketolog.store;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded server's own log file ({@code initdb} and {@code postgres} write their output there, so it outlives this
 * process): readable by this user only, kept under {@link #ROTATE_AT} by moving it to {@code .1} at a start, and each
 * start marked so that the lines of the last one can be shown when it fails.
 */
record ServerLog(Path file) {

    static final long ROTATE_AT = 10L * 1024 * 1024;
    private static final String START_MARK = "--- marketolog: ";
    private static final int TAIL_BYTES = 64 * 1024;

    /** Rotates a large file, creates a missing one as 0600 and marks where this start's lines begin. */
    void beginStart(String what) throws IOException {
        if (Files.exists(file) && Files.size(file) > ROTATE_AT) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, START_MARK + what + " at " + Instant.now() + " ---\n", StandardCharsets.UTF_8,
                CREATE, APPEND);
    }

    /** The last {@code count} lines written since the last start mark (fewer when the start wrote fewer). */
    List<String> lastLines(int count) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long from = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - from));
            channel.position(from);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read to the end
            }
            List<String> lines = Arrays.asList(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .split("\n"));
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(START_MARK)) {
                    start = i + 1;
                }
            }
            List<String> sinceStart = lines.subList(start, lines.size()).stream().filter(line -> !line.isBlank()).toList();
            return sinceStart.subList(Math.max(0, sinceStart.size() - count), sinceStart.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
