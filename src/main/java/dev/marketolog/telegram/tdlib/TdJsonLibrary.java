package dev.marketolog.telegram.tdlib;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads libtdjson: {@code TDJSON_PATH}, then {@code lib/libtdjson.so} of the installation, then the system
 * library path. The first that loads wins; when none does, one error says where it looked and how to install it.
 */
public final class TdJsonLibrary {

    /** The file name on the system library path ({@code libtdjson.so} on Linux). */
    static final String SYSTEM_NAME = System.mapLibraryName("tdjson");

    private static Path loadedFrom;
    private static SymbolLookup loaded;

    private TdJsonLibrary() {}

    /** libtdjson could not be found or loaded; the message says where we looked and how to install it. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** A place we try, in order, and what it is called in the error. */
    record Candidate(String origin, Path path) {}

    /** Where libtdjson was loaded from, once it has been. */
    public static synchronized Optional<Path> loadedFrom() {
        return Optional.ofNullable(loadedFrom);
    }

    /** The library loaded by the first {@link #lookup(Optional)}. */
    static synchronized SymbolLookup lookup() {
        return lookup(Optional.empty());
    }

    /**
     * Loads libtdjson once for the whole process, from the first candidate that works; {@code tdjsonPath} is
     * TDJSON_PATH from the settings, else the process environment's is used.
     */
    static synchronized SymbolLookup lookup(Optional<Path> tdjsonPath) {
        if (loaded == null) {
            Optional<Path> configured = tdjsonPath.or(() ->
                    Optional.ofNullable(System.getenv("TDJSON_PATH")).filter(s -> !s.isBlank()).map(Path::of));
            loaded = load(configured);
        }
        return loaded;
    }

    private static SymbolLookup load(Optional<Path> tdjsonPath) {
        List<String> tried = new ArrayList<>();
        for (Candidate candidate : candidates(tdjsonPath, installationDir())) {
            if (candidate.path().isAbsolute() && !Files.isRegularFile(candidate.path())) {
                tried.add(candidate.origin() + " " + candidate.path() + ": no such file");
                continue;
            }
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(candidate.path(), Arena.global());
                loadedFrom = candidate.path();
                return lookup;
            } catch (IllegalArgumentException e) {
                tried.add(candidate.origin() + " " + candidate.path() + ": " + e.getMessage());
            }
        }
        throw new NotFound("libtdjson (TDLib 1.8.65) could not be loaded. Tried: " + String.join("; ", tried)
                + ". Install it with scripts/install-tdlib.sh (puts it into lib/ next to bin/), or set TDJSON_PATH to a libtdjson.so.");
    }

    /** The places to try, in order; pure so the order can be tested. */
    static List<Candidate> candidates(Optional<Path> tdjsonPath, Optional<Path> installationDir) {
        List<Candidate> candidates = new ArrayList<>();
        tdjsonPath.ifPresent(path -> candidates.add(new Candidate("TDJSON_PATH", path.toAbsolutePath())));
        installationDir.ifPresent(dir -> candidates.add(new Candidate("installation", dir.resolve("lib").resolve(SYSTEM_NAME))));
        candidates.add(new Candidate("system library path", Path.of(SYSTEM_NAME)));
        return List.copyOf(candidates);
    }

    /**
     * The directory that holds {@code bin/} and {@code lib/}, from where our classes are: {@code target/marketolog.jar}
     * and {@code target/classes} both mean the project root, {@code /app/marketolog.jar} means {@code /app}.
     */
    static Optional<Path> installationDir() {
        try {
            var source = TdJsonLibrary.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            return Optional.of(installationDirOf(Path.of(source.getLocation().toURI())));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    static Path installationDirOf(Path codeLocation) {
        Path dir = codeLocation.toAbsolutePath();
        if (dir.getFileName() != null && dir.getFileName().toString().endsWith(".jar")) {
            dir = dir.getParent();
        }
        if (dir.getFileName() != null && dir.getFileName().toString().endsWith("classes")) {
            dir = dir.getParent();
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
            dir = dir.getParent();
        }
        return dir;
    }
}
