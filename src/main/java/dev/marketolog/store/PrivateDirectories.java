package dev.marketolog.store;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Directories only this service's user may enter (0700), and the file-system steps that make their changes atomic. */
final class PrivateDirectories {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    private static final Logger log = LoggerFactory.getLogger(PrivateDirectories.class);
    private static final String TEMPORARY_INFIX = ".tmp-";

    private PrivateDirectories() {}

    /** Creates {@code directory} as 0700 when missing (its parents as the umask says); an existing one is left as it is. */
    static Path create(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, OWNER_ONLY_ATTRIBUTE);
            // the attribute passes through the umask; 0700 minus any umask bit is still private, but say it exactly
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
        return directory;
    }

    /** A fresh name next to {@code directory} for building its replacement before renaming it into place. */
    static Path temporarySibling(Path directory) {
        return directory.resolveSibling(directory.getFileName() + TEMPORARY_INFIX + UUID.randomUUID());
    }

    /** Deletes what {@link #temporarySibling} names were left behind by a start that was killed. */
    static void removeTemporarySiblings(Path directory) throws IOException {
        String prefix = directory.getFileName() + TEMPORARY_INFIX;
        try (Stream<Path> siblings = Files.list(directory.getParent())) {
            for (Path leftover : siblings.filter(path -> path.getFileName().toString().startsWith(prefix)).toList()) {
                log.info("Removing {}, left by an interrupted start", leftover);
                deleteTree(leftover);
            }
        }
    }

    /** Deletes a tree without following its symbolic links (a link is removed, never what it points to). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Renames {@code source} to {@code target} in one step and makes the rename survive an operating-system crash. */
    static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel parent = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            parent.force(true);
        }
    }
}
