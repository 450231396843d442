package dev.marketolog.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * This instance's stable identity, the owner of its account leases: kept in {@code DATA_DIR/instance-id} (mode 0600)
 * and held, for as long as the process lives, by a lock on {@code DATA_DIR/instance.lock}, so two live processes never
 * share it. A process restarted after a crash (even SIGKILL: the operating system drops the lock with the process)
 * gets the same identity and takes its accounts' leases back at once. Two instances on one host use two data directories.
 */
public final class InstanceIdentity implements AutoCloseable {

    static final String ID_FILE = "instance-id";
    static final String LOCK_FILE = "instance.lock";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String id;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private InstanceIdentity(String id, FileChannel lockChannel, FileLock lock) {
        this.id = id;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for this process and reads its identity, making one on the first start.
     *
     * @throws InstanceInUseException when another live process holds the directory
     * @throws StoreException when the directory or its identity cannot be read or written
     */
    public static InstanceIdentity claim(Path dataDir) {
        try {
            createPrivateDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create DATA_DIR " + dataDir + ": " + e, e);
        }
        Path lockFile = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + lockFile + ": " + e, e);
        }
        try {
            FileLock lock = tryLock(channel, dataDir);
            return new InstanceIdentity(readOrCreate(dataDir.resolve(ID_FILE)), channel, lock);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The identity, e.g. {@code instance-2f1c...}: the owner this process's leases are held under. */
    public String id() {
        return id;
    }

    /** Gives the directory up (the process's end does so too). */
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    private static FileLock tryLock(FileChannel channel, Path dataDir) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        } catch (IOException e) {
            throw new StoreException("cannot lock " + dataDir.resolve(LOCK_FILE) + ": " + e, e);
        }
        if (lock == null) {
            throw new InstanceInUseException(dataDir);
        }
        return lock;
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!VALID.matcher(id).matches()) {
                    throw new StoreException(file + " does not hold an instance id (letters, digits, '.', '_', '-'; at most 64);"
                            + " delete it and a new one is made at the next start", null);
                }
                return id;
            }
            String id = "instance-" + UUID.randomUUID();
            writePrivately(file, id);
            return id;
        } catch (IOException e) {
            throw new StoreException("cannot read or write " + file + ": " + e, e);
        }
    }

    /** Written aside and moved into place, so a crash never leaves a half-written identity. */
    private static void writePrivately(Path file, String id) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            out.write(StandardCharsets.UTF_8.encode(id + "\n"));
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createPrivateDirectories(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already failing: the first error is the one to report
        }
    }
}
