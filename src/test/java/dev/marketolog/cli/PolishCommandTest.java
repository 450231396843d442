package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolishCommandTest {
    private static final String POST = "Центробанк снова повысил ключевую ставку до 21%. Аналитики ждут, что ипотека подорожает уже в декабре.";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private int run(byte[] stdin, String... args) {
        CommandLine command = new CommandLine(new PolishCommand(new ByteArrayInputStream(stdin), out, Map.of()));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acceptedAnswerPrintsTheCommentThatWouldBeSent() {
        int exit = run("Конечно! Вот комментарий:\n\n«Ипотека по 25% — это уже не кредит, а испытание на прочность.»");

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("Ипотека по 25% — это уже не кредит, а испытание на прочность.\n");
    }

    @Test
    void rejectedAnswerPrintsItsReasonsAndStillExitsZero() {
        int exit = run("Как языковая модель, я не могу иметь мнения.");

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("rejected: ai_disclaimer\n");
    }

    @Test
    void jsonIsOneLineWithTheTextAndWhatWasFixed() {
        run("**Ставка 21%** — бизнесу с кредитами сейчас точно не позавидуешь 😅😅", "--json");

        assertThat(stdout()).isEqualTo("{\"ok\":true,\"text\":\"Ставка 21% — бизнесу с кредитами сейчас точно не позавидуешь 😅\","
                + "\"reasons\":[],\"fixes\":[\"markdown\",\"too_many_emojis\"]}\n");
    }

    @Test
    void jsonOfARejectionHasNullTextAndTheReasons() {
        run("Жесть.", "--json");

        assertThat(stdout()).isEqualTo("{\"ok\":false,\"text\":null,\"reasons\":[\"too_short\"],\"fixes\":[]}\n");
    }

    @Test
    void postAndRecentFilesFeedTheNearCopyRule() throws Exception {
        Path post = Files.writeString(dir.resolve("post.txt"), POST);
        Path recent = Files.write(dir.resolve("recent.txt"), List.of("Посмотрим, что скажут банки к концу недели.", "", "Вклады под 20% — это приятно, но инфляция всё съест."));

        run("Вклады под 20% — это, конечно, приятно, но инфляция всё съест.", "--json", "--post-file", post.toString(), "--recent-file", recent.toString());
        run("Центробанк снова повысил ключевую ставку до 21%, аналитики ждут, что ипотека подорожает.", "--json", "--post-file", post.toString());

        assertThat(stdout().lines()).containsExactly(
                "{\"ok\":false,\"text\":null,\"reasons\":[\"near_copy\"],\"fixes\":[]}",
                "{\"ok\":false,\"text\":null,\"reasons\":[\"near_copy\"],\"fixes\":[]}");
    }

    @Test
    void settingsComeFromTheEnvFile() throws Exception {
        Path env = Files.write(dir.resolve(".env.strict"), List.of("LLM_STRICT_VALIDATE=true", "LLM_MIN_LEN=5"));

        run("«Жесть какая.»", "--json", "--env-file", env.toString());

        assertThat(stdout()).isEqualTo("{\"ok\":false,\"text\":null,\"reasons\":[\"quotes\"],\"fixes\":[]}\n");
    }

    @Test
    void wrongSettingInTheEnvFileIsBadUsageNamingTheKey() throws Exception {
        Path env = Files.write(dir.resolve(".env.bad"), List.of("LLM_MAX_LEN=lots"));

        int exit = run("Текст", "--env-file", env.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("LLM_MAX_LEN=lots");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void missingPostFileIsBadUsageNamingTheFile() {
        Path missing = dir.resolve("nope.txt");

        int exit = run("Текст", "--post-file", missing.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--post-file " + missing + ": cannot read the file");
    }

    @Test
    void stdinThatIsNotUtf8IsBadUsage() {
        int exit = run(new byte[] {(byte) 0xCF, (byte) 0xF0, (byte) 0xE8}, "--json");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("stdin: not UTF-8 text");
    }

    @Test
    void unknownOptionIsBadUsage() {
        assertThat(run("Текст", "--jsn")).isEqualTo(2);
    }

    @Test
    void outputIsUtf8Bytes() {
        run("Отличная новость для всех, кто ездит в Тверь по работе 🚆");

        assertThat(out.toByteArray()).isEqualTo("Отличная новость для всех, кто ездит в Тверь по работе 🚆\n".getBytes(StandardCharsets.UTF_8));
    }
}
