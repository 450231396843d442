package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SandboxCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --channels -1                  | --channels must be 0 or more
            --posts-per-hour -2            | --posts-per-hour must be 0 or more
            --flood-wait-rate 1.5          | flood wait rate must be a probability
            --delete-rate -0.1             | comment delete rate must be a probability
            --flood-wait-max 2             | --flood-wait-max must be 5 or more
            --slow-mode-chat -100123       | expected CHAT_ID:SECONDS
            --port 70000                   | --port must be 0..65535
            """)
    void aBadOptionIsAUsageErrorNamingIt(String args, String message) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SandboxCommand());
        command.setErr(new PrintWriter(err, true));

        int exit = command.execute(args.trim().split(" "));

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 3"})
    void generatedChannelsCountDownFromTheFirst(int count, int size) {
        assertThat(SandboxCommand.generatedChannels(count)).hasSize(size)
                .allMatch(id -> id <= SandboxCommand.FIRST_GENERATED_CHANNEL && id > SandboxCommand.FIRST_GENERATED_CHANNEL - count);
    }
}
