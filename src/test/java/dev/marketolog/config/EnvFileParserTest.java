package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileParserTest {
    private static final Path FILE = Path.of(".env.bot1");

    private static Map<String, String> values(String content) {
        EnvFile file = EnvFileParser.parse(FILE, content);
        assertThat(file.problems()).isEmpty();
        Map<String, String> values = new LinkedHashMap<>();
        file.entries().forEach(e -> values.put(e.key(), e.value()));
        return values;
    }

    private static EnvFile parsed(String content) {
        return EnvFileParser.parse(FILE, content);
    }

    @Test
    void readsKeyValueLinesSkippingBlankLinesAndFullLineComments() {
        assertThat(values("# a comment\n\nA=1\n   # indented comment\nB=two\n"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
    }

    @Test
    void inlineCommentStartsOnlyAtHashAfterWhitespace() {
        assertThat(values("A=5-10,18-24 # утро\nB=abc#def\nC=x\t# tab comment\nD=#starts-with-hash\n"))
                .containsExactly(
                        Map.entry("A", "5-10,18-24"),
                        Map.entry("B", "abc#def"),
                        Map.entry("C", "x"),
                        Map.entry("D", "#starts-with-hash"));
    }

    @Test
    void trimsUnquotedValuesAndSpacesAroundTheEqualsSign() {
        assertThat(values("A =  spaced value  \n")).containsExactly(Map.entry("A", "spaced value"));
    }

    @Test
    void acceptsTheExportPrefix() {
        assertThat(values("export A=1\nexport\tB=2\nexportC=3\n"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"), Map.entry("EXPORTC", "3"));
    }

    @Test
    void singleQuotesKeepEverythingButEscapedQuoteAndBackslash() {
        assertThat(values("A='x # not a comment \\n' # comment\nB='it\\'s \\\\ here'\n"))
                .containsExactly(Map.entry("A", "x # not a comment \\n"), Map.entry("B", "it's \\ here"));
    }

    @Test
    void doubleQuotesUnderstandPythonsSingleCharacterEscapesOnly() {
        assertThat(values("A=\"line1\\nline2\\t\\\"q\\\" \\\\ \\a\\v \\u00e9 \\d \\0\" # c\n"))
                .containsExactly(Map.entry("A", "line1\nline2\t\"q\" \\ \u0007\u000B \\u00e9 \\d \\0"));
    }

    @Test
    void quotedValueMaySpanLinesAndLaterLinesKeepTheirNumbers() {
        EnvFile file = parsed("A=\"one\ntwo\"\nB=3\n");
        assertThat(file.entries()).containsExactly(new EnvEntry("A", "one\ntwo", 1), new EnvEntry("B", "3", 3));
    }

    @Test
    void readsCrlfAndCrFilesAsPythonsUniversalNewlinesDo() {
        assertThat(values("A=1\r\nB=\"2\r\nline\"\rC=3\r")).containsExactly(
                Map.entry("A", "1"), Map.entry("B", "2\nline"), Map.entry("C", "3"));
    }

    /** Deliberately unlike Python, which would make the mark part of the first key. */
    @Test
    void skipsAByteOrderMark() {
        assertThat(values("\uFEFFA=1\n")).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void emptyValueIsKeptAsEmpty() {
        assertThat(values("A=\nB=''\nC=\"\" # comment\n"))
                .containsExactly(Map.entry("A", ""), Map.entry("B", ""), Map.entry("C", ""));
    }

    @Test
    void hashRightAfterTheEqualsSignIsTheValueAsInPythonDotenv() {
        assertThat(values("A= # not a comment\n")).containsExactly(Map.entry("A", "# not a comment"));
    }

    @Test
    void keysAreUpperCasedAsPydanticMatchesThemIgnoringCase() {
        assertThat(values("messages_per_day=10\n")).containsExactly(Map.entry("MESSAGES_PER_DAY", "10"));
    }

    @Test
    void lastOfARepeatedKeyWins() {
        assertThat(parsed("A=1\nA=2\n").find("A")).map(EnvEntry::value).hasValue("2");
    }

    @Test
    void badLinesAreProblemsWithFileAndLineAndTheRestIsStillRead() {
        EnvFile file = parsed("GOOD=1\njust words\n=2\nQ=\"unclosed\nLAST=3\n");
        assertThat(file.entries()).containsExactly(new EnvEntry("GOOD", "1", 1), new EnvEntry("LAST", "3", 5));
        assertThat(file.problems())
                .extracting(ConfigProblem::source)
                .containsExactly(".env.bot1:2", ".env.bot1:3", ".env.bot1:4");
        assertThat(file.problems().get(2).key()).isEqualTo("Q");
        assertThat(file.problems().get(2).expected()).contains("closing \"");
    }

    @Test
    void badLineIsNotEchoedBecauseItMayBeAPastedSecret() {
        EnvFile file = parsed("sk-live-0123456789abcdef junk\n9secret Token=1\n");
        assertThat(file.problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.describe()).doesNotContain("0123456789abcdef", "Token"));
    }

    @Test
    void keysArePythonDotenvsAnythingUpToEqualsHashOrSpaceOrInSingleQuotes() {
        assertThat(values("1ST=a\ndotted.key=b\n'spaced key'=c\n"))
                .containsExactly(Map.entry("1ST", "a"), Map.entry("DOTTED.KEY", "b"), Map.entry("SPACED KEY", "c"));
    }

    @Test
    void keyWithoutEqualsSignIsEmptyAsPythonDotenvsNone() {
        assertThat(values("NAKED\nCOMMENTED # note\n")).containsExactly(Map.entry("NAKED", ""), Map.entry("COMMENTED", ""));
    }

    @Test
    void unclosedQuoteIsClosedByTheLastEscapedQuoteAsPythonDotenvsRegexBacktracks() {
        assertThat(values("A=\"ends in backslash\\\\\"\nB=1\n"))
                .containsExactly(Map.entry("A", "ends in backslash\\"), Map.entry("B", "1"));
    }

    @Test
    void pythonWhitespaceCountsAroundTheValueAndBeforeAComment() {
        assertThat(values("A=\u00a0x\u00a0#c\nB=y\u3000\nC=z\u0085\n"))
                .containsExactly(Map.entry("A", "x"), Map.entry("B", "y"), Map.entry("C", "z"));
    }

    @Test
    void textAfterAClosingQuoteIsAProblem() {
        EnvFile file = parsed("A=\"x\" y\nB=2\n");
        assertThat(file.problems()).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith(".env.bot1:1: A: expected nothing after the value but a # comment"));
        assertThat(file.entries()).containsExactly(new EnvEntry("B", "2", 2));
    }

    @Test
    void missingFileIsAProblemNotAnException(@TempDir Path dir) {
        EnvFile file = EnvFileParser.parse(dir.resolve(".env.missing"));
        assertThat(file.entries()).isEmpty();
        assertThat(file.problems()).singleElement()
                .satisfies(p -> assertThat(p.expected()).startsWith("a readable file"));
    }

    @Test
    void fileThatIsNotUtf8IsAProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.write(file, "A=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(EnvFileParser.parse(file).problems()).singleElement()
                .satisfies(p -> assertThat(p.expected()).isEqualTo("a UTF-8 text file"));
    }
}
