package dev.marketolog.store;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    private final Path unpacked = UnpackedBinaries.shared();

    @TempDir
    Path dataDir;

    @Test
    void unpacksIntoDirectoriesOnlyTheOwnerMayEnterAndWritesTheManifestLast() throws IOException {
        try (Stream<Path> tree = Files.walk(unpacked)) {
            assertThat(tree.filter(Files::isDirectory)).isNotEmpty().allSatisfy(directory ->
                    assertThat(permissions(directory)).as(directory.toString()).isEqualTo("rwx------"));
        }
        assertThat(permissions(unpacked.resolve("bin/postgres"))).isEqualTo("rwx------");
        assertThat(permissions(unpacked.resolve("share/postgresql/postgres.bki"))).isEqualTo("rw-------");
        assertThat(unpacked.resolve(PostgresBinaries.MANIFEST)).content().startsWith("sha256 ").contains(" bin/pg_ctl\n");
    }

    @Test
    void refusesABinaryOthersCanWrite() throws IOException {
        Path binaries = copyOfUnpacked();
        Path pgCtl = binaries.resolve("bin/pg_ctl");
        Files.setPosixFilePermissions(pgCtl, PosixFilePermissions.fromString("rwx---rwx"));

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir.resolve("postgres"), 0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("refusing to run the PostgreSQL binaries in " + binaries)
                .hasMessageContaining(pgCtl + " is writable by group or others (rwx---rwx)");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void refusesBinariesInADirectoryOthersCanWrite() throws IOException {
        Path binaries = copyOfUnpacked();
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PostgresBinaries.prepare(binaries))
                .hasMessageContaining(binaries + " is writable by group or others (rwxrwxrwx)");
    }

    @Test
    void replacesAnUnpackWithoutManifestLikeTheWorldWritableOneOfEarlierVersions() throws IOException {
        Path binaries = dataDir.resolve("postgres-bin");
        Files.createDirectories(binaries.resolve("PG-0123/bin"));
        Files.writeString(binaries.resolve("PG-0123/bin/pg_ctl"), "#!/bin/sh\necho replaced\n");
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));

        PostgresBinaries.prepare(binaries);

        assertThat(binaries.resolve("PG-0123")).doesNotExist();
        assertThat(permissions(binaries)).isEqualTo("rwx------");
        assertSameFiles(binaries, unpacked);
    }

    @Test
    void repairsAHalfWrittenBinaryAndRemovesWhatAKilledUnpackLeft() throws IOException {
        Path binaries = copyOfUnpacked();
        try (FileChannel postgres = FileChannel.open(binaries.resolve("bin/postgres"), StandardOpenOption.WRITE)) {
            postgres.truncate(postgres.size() / 2);
        }
        Path leftover = Files.createDirectories(dataDir.resolve("postgres-bin.tmp-1234/share"));

        PostgresBinaries.prepare(binaries);

        assertThat(leftover.getParent()).doesNotExist();
        assertSameFiles(binaries, unpacked);
    }

    @Test
    void keepsAnIntactUnpackAsItIs() throws IOException {
        Path binaries = copyOfUnpacked();
        var before = Files.getLastModifiedTime(binaries.resolve(PostgresBinaries.MANIFEST));

        PostgresBinaries.prepare(binaries);

        assertThat(Files.getLastModifiedTime(binaries.resolve(PostgresBinaries.MANIFEST))).isEqualTo(before);
    }

    private Path copyOfUnpacked() {
        return UnpackedBinaries.copyInto(dataDir);
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        try (Stream<Path> tree = Files.walk(expected)) {
            assertThat(tree.filter(path -> Files.isRegularFile(path, NOFOLLOW_LINKS)).toList()).allSatisfy(file ->
                    assertThat(actual.resolve(expected.relativize(file).toString())).hasSameBinaryContentAs(file));
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
