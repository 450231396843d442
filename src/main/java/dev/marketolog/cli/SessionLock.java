package dev.marketolog.cli;

import dev.marketolog.telegram.tdlib.TdlibParameters;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code DATA_DIR/sessions/<account>.lock}, locked by the serve that runs the account's TDLib session for as long as it
 * runs it, so that doctor can tell "in use by a running serve" without opening the session (TDLib's own lock on its
 * database would make doctor wait and then fail with a message about a file). The lock is the operating system's, so a
 * killed serve leaves none behind.
 */
final class SessionLock implements AutoCloseable {

    private final FileChannel channel;

    private SessionLock(FileChannel channel) {
        this.channel = channel;
    }

    static Path file(Path dataDir, String account) {
        return TdlibParameters.sessionDirectory(dataDir, account).resolveSibling(account + ".lock");
    }

    /** Takes the lock, creating its file; empty when another process (or another session in this one) holds it. */
    static Optional<SessionLock> take(Path dataDir, String account) throws IOException {
        Path file = file(dataDir, account);
        // like every directory the service makes under DATA_DIR: its owner's only
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new SessionLock(channel));
            }
        } catch (OverlappingFileLockException heldHere) {
            // held by this process already
        }
        channel.close();
        return Optional.empty();
    }

    /** Whether a running serve holds the lock; only looks (a missing file is not created). */
    static boolean held(Path dataDir, String account) throws IOException {
        try (FileChannel channel = FileChannel.open(file(dataDir, account), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException never) {
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        }
    }

    /** Releases the lock (closing the file releases it). */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
