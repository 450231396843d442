package dev.marketolog.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * DATA_DIR must be a directory this process can write (sessions and the embedded database live there); serve checks it
 * before anything else uses it, so an unusable one stops the start with its reason instead of every account seeming to
 * need a login.
 */
final class DataDirectory {

    /** DATA_DIR cannot be used; the message names the directory and why. */
    static final class Unusable extends RuntimeException {
        Unusable(Path dir, String reason, Throwable cause) {
            super("DATA_DIR " + dir.toAbsolutePath() + " cannot be used: " + reason, cause);
        }
    }

    private DataDirectory() {}

    /** Creates {@code dir} when missing and writes and deletes a file in it; throws {@link Unusable} when it cannot. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new Unusable(dir, "it exists and is not a directory", e);
        } catch (IOException e) {
            throw new Unusable(dir, "it cannot be created: " + reason(e), e);
        }
        if (!Files.isDirectory(dir)) {
            throw new Unusable(dir, "it is not a directory", null);
        }
        try {
            Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw new Unusable(dir, "a file cannot be written in it: " + reason(e), e);
        }
    }

    /** The operating system's reason ("Permission denied", "Not a directory", "Read-only file system"). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.toString();
    }
}
