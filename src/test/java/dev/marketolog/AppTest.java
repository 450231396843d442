package dev.marketolog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AppTest {

    private final CommandLine commandLine = new CommandLine(new App());

    /** The name of the subcommand the arguments end up running, or the root's name. */
    private String commandRunBy(String... args) {
        CommandLine.ParseResult parsed = commandLine.parseArgs(App.withDefaultCommand(commandLine, args));
        return parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : parsed.commandSpec().name();
    }

    @Test
    void noArgumentsRunServe() {
        assertThat(commandRunBy()).isEqualTo("serve");
    }

    @Test
    void serveOptionsWithoutACommandRunServe() {
        assertThat(commandRunBy("--env-file", ".env.bot2")).isEqualTo("serve");
    }

    @Test
    void aNamedCommandRunsThatCommand() {
        assertThat(commandRunBy("serve", "--env-file", ".env")).isEqualTo("serve");
    }

    @Test
    void helpAndVersionStayWithTheRoot() {
        assertThat(commandRunBy("--help")).isEqualTo("marketolog");
        assertThat(commandRunBy("-V")).isEqualTo("marketolog");
    }
}
