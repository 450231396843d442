package dev.marketolog.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** A command run as the shell would run it: its exit code and what it printed on standard output. */
record CommandRun(int exit, String out) {

    /** Runs {@code command} with {@code args}, capturing standard output (commands that print to System.out). */
    static CommandRun of(Object command, String... args) {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(command).execute(args);
            return new CommandRun(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /**
     * Writes {@code .env.bot1} in {@code dir}: an account with placeholder Telegram credentials, one allowlisted channel
     * and its data under {@code dir/data}, then {@code moreLines}.
     */
    static Path accountEnvFile(Path dir, String... moreLines) throws IOException {
        Path env = dir.resolve(".env.bot1");
        Files.writeString(env, """
                TELEGRAM_API_ID=1
                TELEGRAM_API_HASH=00000000000000000000000000000000
                ALLOWLIST_CHAT_IDS=[-1001234]
                DATA_DIR=%s
                """.formatted(dir.resolve("data")) + String.join("\n", moreLines));
        return env;
    }
}
