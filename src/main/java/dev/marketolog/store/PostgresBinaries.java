package dev.marketolog.store;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's binaries, unpacked by us from the archive io.zonky ships in its binaries jar into a directory only this
 * user can write. The unpack goes to a temporary sibling and is renamed into place once complete, its manifest
 * (written last) naming the archive and every file's size; a directory without a matching manifest, or whose files
 * no longer match it, is unpacked again. Binaries that another user could have changed are refused, never run.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    /** The resource io.zonky's {@code DefaultPostgresBinaryResolver} finds for Linux on x86-64. */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String MANIFEST = ".unpacked";
    private static final Set<PosixFilePermission> EXECUTABLE = PrivateDirectories.OWNER_ONLY;
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-------");

    private PostgresBinaries() {}

    /** Unpacks the binaries into {@code directory} unless a complete unpack of the same archive is there, and checks them. */
    static Path prepare(Path directory) throws IOException {
        PrivateDirectories.removeTemporarySiblings(directory);
        byte[] archive = archive();
        String digest = sha256(archive);
        Optional<String> unusable = unusable(directory, digest);
        if (unusable.isPresent()) {
            if (Files.exists(directory, NOFOLLOW_LINKS)) {
                log.warn("PostgreSQL binaries in {} are {}: unpacking them again", directory, unusable.get());
            }
            unpack(archive, digest, directory);
        }
        refuseUnsafe(directory);
        return directory;
    }

    /** Why the directory cannot be used as it is, if it cannot: no complete unpack of this archive is there. */
    private static Optional<String> unusable(Path directory, String digest) throws IOException {
        Optional<Manifest> manifest = Manifest.read(directory);
        if (manifest.isEmpty()) {
            return Optional.of("incomplete or from an older version (no " + MANIFEST + ")");
        }
        if (!manifest.get().archiveDigest().equals(digest)) {
            return Optional.of("from another archive");
        }
        return manifest.get().damage(directory).map(damage -> "damaged (" + damage + ")");
    }

    private static byte[] archive() throws IOException {
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IOException("the PostgreSQL binaries " + ARCHIVE + " are not on the class path");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void unpack(byte[] archive, String digest, Path directory) throws IOException {
        Path temporary = PrivateDirectories.create(PrivateDirectories.temporarySibling(directory));
        List<Manifest.Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BufferedInputStream(new XZInputStream(new ByteArrayInputStream(archive)), 1 << 16))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                unpackEntry(tar, entry, temporary).ifPresent(entries::add);
            }
        }
        new Manifest(digest, entries).write(temporary);
        if (Files.exists(directory, NOFOLLOW_LINKS)) {
            Path replaced = PrivateDirectories.temporarySibling(directory);
            PrivateDirectories.moveAtomically(directory, replaced);
            PrivateDirectories.moveAtomically(temporary, directory);
            PrivateDirectories.deleteTree(replaced);
        } else {
            PrivateDirectories.moveAtomically(temporary, directory);
        }
        log.info("PostgreSQL binaries unpacked into {}", directory);
    }

    private static Optional<Manifest.Entry> unpackEntry(InputStream tar, TarArchiveEntry entry, Path root)
            throws IOException {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return Optional.empty(); // "./" itself, or a name escaping the directory: nothing to write
        }
        String name = root.relativize(target).toString();
        if (entry.isDirectory()) {
            createDirectories(root, target);
            return Optional.empty();
        }
        createDirectories(root, target.getParent());
        if (entry.isSymbolicLink()) {
            Path link = Path.of(entry.getLinkName());
            if (!target.getParent().resolve(link).normalize().startsWith(root)) {
                throw new IOException("the archive's link " + name + " points outside it: " + link);
            }
            Files.createSymbolicLink(target, link);
            return Optional.of(new Manifest.Entry(name, Manifest.LINK));
        }
        if (!entry.isFile()) {
            throw new IOException("the archive holds " + name + ", neither a file, a directory nor a symbolic link");
        }
        Files.copy(tar, target);
        Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
        return Optional.of(new Manifest.Entry(name, Files.size(target)));
    }

    private static void createDirectories(Path root, Path directory) throws IOException {
        if (!directory.equals(root) && !Files.isDirectory(directory, NOFOLLOW_LINKS)) {
            createDirectories(root, directory.getParent());
            PrivateDirectories.create(directory);
        }
    }

    /**
     * Refuses binaries another user could have replaced: anything in the directory (or the directory holding it) that
     * is not ours or is writable by group or others.
     */
    private static void refuseUnsafe(Path directory) throws IOException {
        Object us = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path home = directory.toAbsolutePath().getParent();
        List<Path> checked = new ArrayList<>(List.of(home));
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.forEach(checked::add);
        }
        for (Path path : checked) {
            Object owner = Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS);
            if (!owner.equals(us)) {
                throw unsafe(directory, path + " belongs to user id " + owner + ", not to this process's " + us);
            }
            if (Files.isSymbolicLink(path)) {
                continue; // a link's own mode means nothing; what it points to is checked where it lies
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw unsafe(directory, path + " is writable by group or others ("
                        + PosixFilePermissions.toString(permissions) + ")");
            }
        }
    }

    private static IOException unsafe(Path directory, String why) {
        return new IOException("refusing to run the PostgreSQL binaries in " + directory + ": " + why
                + "; another user could have replaced them. Check who changed it, then delete " + directory
                + " to have them unpacked again");
    }

    /** What a complete unpack holds: the archive's SHA-256 and each file's size ({@link #LINK} for a link). */
    record Manifest(String archiveDigest, List<Entry> entries) {
        static final long LINK = -1;

        Manifest {
            entries = List.copyOf(entries);
        }

        record Entry(String name, long size) {}

        static Optional<Manifest> read(Path directory) throws IOException {
            Path file = directory.resolve(MANIFEST);
            if (!Files.isRegularFile(file, NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().startsWith("sha256 ")) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] sizeAndName = line.split(" ", 2);
                if (sizeAndName.length != 2 || !sizeAndName[0].matches("-?\\d+")) {
                    return Optional.empty();
                }
                entries.add(new Entry(sizeAndName[1], Long.parseLong(sizeAndName[0])));
            }
            return Optional.of(new Manifest(lines.getFirst().substring("sha256 ".length()), entries));
        }

        void write(Path directory) throws IOException {
            StringBuilder text = new StringBuilder("sha256 ").append(archiveDigest).append('\n');
            entries.forEach(entry -> text.append(entry.size()).append(' ').append(entry.name()).append('\n'));
            Files.writeString(directory.resolve(MANIFEST), text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(directory.resolve(MANIFEST), READABLE);
        }

        /** The first file that is missing or has another size than unpacked, if any. */
        Optional<String> damage(Path directory) throws IOException {
            for (Entry entry : entries) {
                Path path = directory.resolve(entry.name());
                if (entry.size() == LINK ? !Files.isSymbolicLink(path) : !sizeIs(path, entry.size())) {
                    return Optional.of(entry.name() + (Files.exists(path, NOFOLLOW_LINKS) ? " changed" : " missing"));
                }
            }
            return Optional.empty();
        }

        private static boolean sizeIs(Path path, long size) throws IOException {
            return Files.isRegularFile(path, NOFOLLOW_LINKS) && Files.size(path) == size;
        }
    }
}
