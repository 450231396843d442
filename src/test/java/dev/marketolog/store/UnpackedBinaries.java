package dev.marketolog.store;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * PostgreSQL's binaries unpacked once per test JVM by {@link PostgresBinaries}; tests that are not about the unpack
 * copy them into their {@code DATA_DIR} (a copy is much cheaper than decompressing the archive again).
 */
final class UnpackedBinaries {

    private static Path unpacked;

    private UnpackedBinaries() {}

    /** The shared unpack; never change it. */
    static synchronized Path shared() {
        if (unpacked == null) {
            try {
                Path home = Files.createTempDirectory("marketolog-postgres-bin");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        PrivateDirectories.deleteTree(home);
                    } catch (IOException e) {
                        // a temporary directory the system cleans anyway
                    }
                }));
                unpacked = PostgresBinaries.prepare(home.resolve("postgres-bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return unpacked;
    }

    /** Copies the shared unpack to {@code DATA_DIR/postgres-bin}, modes and manifest included, and returns that. */
    static Path copyInto(Path dataDir) {
        Path source = shared();
        Path copy = dataDir.resolve("postgres-bin");
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path path : tree.toList()) {
                Files.copy(path, copy.resolve(source.relativize(path).toString()), NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
}
