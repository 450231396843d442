package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code simulate}'s output for fixed seeds, byte for byte as it was before the simulated world was opened to the
 * sandbox: the world's rules serve both, and this proves that sharing them changed nothing in {@code simulate}. A
 * deliberate change of the engine's behaviour rewrites the expected files in the same commit (last: instant comments
 * keep the day's pace, and "1 account" in the singular).
 */
class SimulateGoldenTest {

    private static final String BUSY = "--env-file .env.bot1 --env-file .env.bot2 --env-file .env.bot3 --days 3"
            + " --start 2026-12-01T00:00:00+03:00 --seed 42 --posts-per-day 12 --peer-flood-rate 0.05 --flood-wait-rate 0.05"
            + " --forbidden-chat -1001000000004 --slow-mode-chat -1001000000003:900";
    private static final String QUIET = "--env-file .env --days 2 --start 2026-12-07 --seed 7";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            busy  | expected.txt  | """ + BUSY + """

            busy  | expected.json | """ + BUSY + """
             --json
            quiet | expected.txt  | """ + QUIET + """

            quiet | expected.json | """ + QUIET + """
             --json
            """)
    void simulatePrintsExactlyWhatItPrintedBefore(String config, String expectedFile, String args)
            throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("simulate/golden/" + config).toURI());

        String out = run(dir, args.trim().split(" +"));

        assertThat(out).isEqualTo(Files.readString(dir.resolve(expectedFile)));
    }

    private static String run(Path dir, String... args) {
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            resolved.add(args[i]);
            if (args[i].equals("--env-file")) {
                resolved.add(dir.resolve(args[++i]).toString());
            }
        }
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(
                new SimulateCommand(Map.of(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        int exit = command.execute(resolved.toArray(String[]::new));
        assertThat(exit).isZero();
        return out.toString();
    }
}
