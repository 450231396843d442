package dev.marketolog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.config.ConfigException;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.llm.CommentPolish;
import dev.marketolog.llm.PolishCode;
import dev.marketolog.llm.PolishResult;
import dev.marketolog.llm.PolishRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marketolog polish}: what polish makes of one raw LLM answer read from stdin, for tuning the LLM_* settings. */
@Command(
        name = "polish",
        mixinStandardHelpOptions = true,
        description = {
            "Reads one raw LLM answer from stdin (UTF-8) and prints the comment that would be sent, or why it is rejected.",
            "Settings (LLM_MIN_LEN, LLM_MAX_LEN, LLM_MAX_EMOJIS, LLM_STRICT_VALIDATE) come from the env file, else the environment and the defaults.",
            "Exit 0 for either verdict, 2 for bad usage."
        })
public final class PolishCommand implements Callable<Integer> {
    /** The exit code for bad usage: an unreadable file, wrong settings, stdin that is not UTF-8. */
    public static final int USAGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print exactly one line: {\"ok\":…,\"text\":…,\"reasons\":[…],\"fixes\":[…]}.")
    private boolean json;

    @Option(names = "--env-file", paramLabel = "F", description = "The account's env file whose LLM_* settings apply.")
    private Optional<Path> envFile = Optional.empty();

    @Option(names = "--post-file", paramLabel = "P", description = "The post's text (UTF-8), for the near-copy rule.")
    private Optional<Path> postFile = Optional.empty();

    @Option(names = "--recent-file", paramLabel = "R", description = "Recent comments, one a line (UTF-8), for the near-copy rule.")
    private Optional<Path> recentFile = Optional.empty();

    @Spec
    private CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final Map<String, String> environment;

    /** Reads the real stdin and writes UTF-8 bytes to the real stdout, whatever the locale. */
    public PolishCommand() {
        this(System.in, System.out, System.getenv());
    }

    PolishCommand(InputStream stdin, OutputStream stdout, Map<String, String> environment) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.environment = Map.copyOf(environment);
    }

    /** The verdict as {@code --json} prints it. */
    record Verdict(boolean ok, String text, List<String> reasons, List<String> fixes) {}

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            LlmSettings settings = settings();
            List<String> references = new ArrayList<>();
            postFile.ifPresent(file -> references.add(read("--post-file", file)));
            recentFile.ifPresent(file -> references.addAll(read("--recent-file", file).lines().filter(line -> !line.isBlank()).toList()));
            String raw = utf8("stdin", stdin.readAllBytes());
            PolishResult result = new CommentPolish(PolishRules.of(settings), references).polish(raw);
            print(result);
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
        } catch (UsageProblem e) {
            err.println(e.getMessage());
        } catch (IOException e) {
            err.println("stdin: cannot read (" + e.getMessage() + ")");
        }
        err.flush();
        return USAGE;
    }

    private LlmSettings settings() throws ConfigException {
        List<Path> files = envFile.map(List::of).orElse(List.of());
        Settings settings = SettingsLoader.load(files, environment, Purpose.TOOL);
        LogOutput.apply(settings.process().logFormat());
        return settings.accounts().getFirst().llm();
    }

    private void print(PolishResult result) throws IOException {
        String line = switch (result) {
            case PolishResult.Accepted accepted when json -> verdict(new Verdict(true, accepted.text(), List.of(), codes(accepted.fixes())));
            case PolishResult.Rejected rejected when json -> verdict(new Verdict(false, null, codes(rejected.reasons()), codes(rejected.fixes())));
            case PolishResult.Accepted accepted -> accepted.text();
            case PolishResult.Rejected rejected -> "rejected: " + String.join(", ", codes(rejected.reasons()));
        };
        stdout.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdout.flush();
    }

    private static String verdict(Verdict verdict) {
        try {
            return JSON.writeValueAsString(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises", e);
        }
    }

    private static List<String> codes(List<PolishCode> codes) {
        return codes.stream().map(PolishCode::code).toList();
    }

    private static String read(String option, Path file) {
        try {
            return utf8(option + " " + file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UsageProblem(option + " " + file + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String utf8(String source, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageProblem(source + ": not UTF-8 text");
        }
    }

    /** Input the command cannot work with; its message names the option or stream. */
    private static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message, null, false, false);
        }
    }
}
