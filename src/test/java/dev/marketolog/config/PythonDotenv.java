package dev.marketolog.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * python-dotenv itself, run as the oracle by one python3 that imports it: it reads files with {@code dotenv_values}
 * (the call pydantic-settings makes, interpolation on) in an environment the test pins.
 */
record PythonDotenv(String python, String version) {
    /** Debian's interpreter (python3-dotenv 0.21) first, then whatever python3 the PATH has (it may have a 1.x). */
    static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_SCRIPT = "from dotenv.version import __version__; print(__version__)";
    private static final String READ_SCRIPT = """
            import json, os, sys
            from dotenv import dotenv_values
            from dotenv.parser import parse_stream
            request = json.load(sys.stdin)
            os.environ.clear()
            os.environ.update(request["environment"])
            readings = {}
            for path in request["files"]:
                with open(path, encoding="utf-8") as stream:
                    errors = sum(1 for binding in parse_stream(stream) if binding.error)
                readings[path] = {"values": dotenv_values(path), "errors": errors}
            json.dump(readings, sys.stdout)
            """;
    private static List<PythonDotenv> installed;

    /** What python-dotenv made of one file: {@code dotenv_values} ({@code null} for a key with no =) and the statements it could not parse. */
    record Reading(LinkedHashMap<String, String> values, int errors) {}

    /** Every candidate that imports dotenv, one per python-dotenv version. */
    static synchronized List<PythonDotenv> installed() {
        if (installed == null) {
            List<PythonDotenv> found = new ArrayList<>();
            for (String python : CANDIDATES) {
                try {
                    String version = run(List.of(python, "-c", VERSION_SCRIPT), "").strip();
                    if (found.stream().noneMatch(p -> p.version().equals(version))) {
                        found.add(new PythonDotenv(python, version));
                    }
                } catch (IOException e) {
                    // not there, or no dotenv: try the next one
                }
            }
            installed = List.copyOf(found);
        }
        return installed;
    }

    /** Reads every file with {@code os.environ} set to exactly {@code environment}. */
    Map<Path, Reading> read(List<Path> files, Map<String, String> environment) throws IOException {
        String request = JSON.writeValueAsString(Map.of(
                "environment", environment, "files", files.stream().map(Path::toString).toList()));
        Map<String, Reading> byName = JSON.readValue(run(List.of(python, "-c", READ_SCRIPT), request), new TypeReference<>() {});
        Map<Path, Reading> readings = new LinkedHashMap<>();
        byName.forEach((name, reading) -> readings.put(Path.of(name), reading));
        return readings;
    }

    private static String run(List<String> command, String stdin) throws IOException {
        Process process = new ProcessBuilder(command).start();
        // python-dotenv logs a warning per bad statement: drain standard error alongside, so neither pipe fills up
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = readAll(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command.subList(0, 1)) + " failed: " + err.join().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
