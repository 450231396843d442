package dev.marketolog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.cli.ServeSignal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AppTest {

    private final CommandLine commandLine = App.commandLine();

    private record Printed(int exitCode, String out) {}

    private Printed run(String... args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        int exitCode = commandLine.execute(App.withDefaultCommand(commandLine, args));
        return new Printed(exitCode, out.toString());
    }

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

    /** main tells serve apart before picocli (to install its signal handling first): the same answer as picocli's. */
    @Test
    void theEarlyTellingOfServeAgreesWithTheCommandRun() {
        List<String[]> cases = List.of(new String[] {}, new String[] {"--env-file", ".env"}, new String[] {"serve"},
                new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"}, new String[] {"-V"},
                new String[] {"doctor"}, new String[] {"demo"}, new String[] {"check-config", "--json"},
                new String[] {"help", "serve"}, new String[] {"sandbox", "--port", "9400"});
        for (String[] args : cases) {
            assertThat(ServeSignal.runsServe(args)).as(String.join(" ", args)).isEqualTo(commandRunBy(args).equals("serve"));
        }
    }

    @Test
    void helpListsEveryCommandWithItsOptions() {
        Printed help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Commands:", "help", "Options of each command")
                .contains("marketolog serve [-hV] [--env-file=FILE]...", "marketolog simulate", "marketolog check-config")
                .contains("--env-file=FILE", "--days=", "--post-file", "--json", "--logout");
    }

    @Test
    void helpCommandShowsOneCommandsUsage() {
        Printed help = run("help", "simulate");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: marketolog simulate").contains("--days=", "--seed");
    }

    @Test
    void errorsAndHelpAreNeverColouredEvenWherePicocliWouldGuessATerminal() {
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        System.setProperty("picocli.ansi", "true");
        try {
            Printed help = run("--help");
            int exitCode = commandLine.execute("simulate", "--no-such-option");

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
            assertThat(help.out() + err).doesNotContain("\u001b[");
        } finally {
            System.clearProperty("picocli.ansi");
        }
    }
}
