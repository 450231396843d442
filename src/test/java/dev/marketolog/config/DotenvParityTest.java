package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: python-dotenv itself reads every file of {@code src/test/resources/dotenv-corpus}, with LF, CRLF
 * and CR line ends, in a pinned environment, and every key and value we read must be what it read, in its order;
 * every statement it cannot parse must be one of our problems. Runs once per installed python-dotenv version.
 */
@RequiresPythonDotenv
class DotenvParityTest {
    /** The process environment both readers see; {@code ${NAME}} in the corpus refers to these. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "PG_USER", "env_user",
            "PG_PASS", "p@ss:w0rd}",
            "EMPTY_ENV", "",
            "SHADOWED_ENV", "from the environment",
            "lower_env", "lower case name",
            "HOME", "/home/operator",
            "LANG", "C.UTF-8");
    private static final Map<String, String> LINE_ENDS = orderedLineEnds();

    private static Map<String, String> orderedLineEnds() {
        Map<String, String> ends = new LinkedHashMap<>();
        ends.put("lf", "\n");
        ends.put("crlf", "\r\n");
        ends.put("cr", "\r");
        return ends;
    }

    @TempDir
    static Path variants;

    @TestFactory
    Stream<DynamicTest> everyValueIsWhatPythonDotenvReads() throws IOException, URISyntaxException {
        List<Path> files = corpusVariants();
        List<DynamicTest> tests = new ArrayList<>();
        for (PythonDotenv oracle : PythonDotenv.installed()) {
            Map<Path, PythonDotenv.Reading> readings = oracle.read(files, ENVIRONMENT);
            for (Path file : files) {
                tests.add(DynamicTest.dynamicTest("python-dotenv " + oracle.version() + ": " + file.getFileName(),
                        () -> assertSameReading(file, readings.get(file))));
            }
        }
        return tests.stream();
    }

    private static void assertSameReading(Path file, PythonDotenv.Reading python) {
        EnvFile ours = EnvInterpolation.expand(EnvFileParser.parse(file), ENVIRONMENT);
        Map<String, String> ourValues = new LinkedHashMap<>();
        ours.asDict().forEach((name, entry) -> ourValues.put(name, entry.value()));
        // python-dotenv's None (a key with no =) is our empty value: both mean "not given" and expand to nothing
        Map<String, String> pythonValues = new LinkedHashMap<>();
        python.values().forEach((name, value) -> pythonValues.put(name, Objects.requireNonNullElse(value, "")));

        assertThat(ourValues).containsExactlyEntriesOf(pythonValues);
        assertThat(ours.problems()).hasSize(python.errors());
    }

    /** Every corpus file with each kind of line end, written to the temporary directory. */
    private static List<Path> corpusVariants() throws IOException, URISyntaxException {
        Path corpus = Path.of(Objects.requireNonNull(DotenvParityTest.class.getResource("/dotenv-corpus")).toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(corpus)) {
            for (Path source : listed.sorted().toList()) {
                String text = Files.readString(source, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> end : LINE_ENDS.entrySet()) {
                    String name = source.getFileName().toString().replace(".env", "." + end.getKey() + ".env");
                    files.add(Files.writeString(variants.resolve(name), text.replace("\n", end.getValue()), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
