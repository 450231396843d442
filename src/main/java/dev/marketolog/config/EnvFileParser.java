package dev.marketolog.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Reads env files exactly as the Python version did (pydantic-settings calls python-dotenv's {@code dotenv_values}):
 * a port of python-dotenv's {@code parser.py}, rule for rule, including its quirks, and checked against python-dotenv
 * itself by {@code DotenvParityTest}. Values are not interpolated here: {@link EnvInterpolation} does that.
 *
 * <p>Where it differs on purpose: a UTF-8 byte order mark is skipped (Python would make it part of the first key),
 * and a line python-dotenv skips with a logged warning is a problem naming {@code file:line}, so the operator hears of
 * it; reading goes on after it exactly where python-dotenv's does. A key with no {@code =} (python-dotenv's
 * {@code None}) reads as an empty value, which is what it means everywhere: not given, and empty when interpolated.
 */
final class EnvFileParser {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private EnvFileParser() {}

    /** Reads and parses {@code file}; a file that cannot be read is one problem, not an exception. */
    static EnvFile parse(Path file) {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return unreadable(file, "a UTF-8 text file");
        } catch (IOException e) {
            return unreadable(file, "a readable file (" + describe(e) + ")");
        }
        return parse(file, content);
    }

    /** Parses {@code content} as if read from {@code file}. */
    static EnvFile parse(Path file, String content) {
        String text = !content.isEmpty() && content.charAt(0) == BYTE_ORDER_MARK ? content.substring(1) : content;
        // Python opens the file in text mode, whose universal newlines make \r\n and \r into \n before python-dotenv reads it
        Reader reader = new Reader(text.replace("\r\n", "\n").replace('\r', '\n'));
        List<EnvEntry> entries = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        while (reader.hasNext()) {
            try {
                readBinding(reader).ifPresent(entries::add);
            } catch (BadLine bad) {
                problems.add(new ConfigProblem(file + ":" + bad.line, bad.key.toUpperCase(Locale.ROOT), "", bad.expected));
                reader.skipRestOfLine();
            }
        }
        return new EnvFile(file, entries, problems);
    }

    private static EnvFile unreadable(Path file, String expected) {
        return new EnvFile(file, List.of(), List.of(new ConfigProblem(file.toString(), "", "", expected)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** python-dotenv's {@code parse_binding}: one {@code [export] KEY[=value] [# comment]} statement, or a comment. */
    private static Optional<EnvEntry> readBinding(Reader r) throws BadLine {
        r.skipWhile(PythonText::isSpace);
        if (!r.hasNext()) {
            return Optional.empty();
        }
        int line = r.line();
        if (r.startsWith("export") && r.at("export".length(), PythonText::isBlank)) {
            r.advance("export".length());
            r.skipWhile(PythonText::isBlank);
        }
        Optional<String> name = readKey(r, line);
        r.skipWhile(PythonText::isBlank);
        boolean assigned = r.at(0, ch -> ch == '=');
        String value = assigned ? readAssignedValue(r, line, name.filter(EnvEntry::nameShaped).orElse("")) : "";
        skipComment(r);
        r.skipWhile(PythonText::isBlank);
        if (r.hasNext() && !r.at(0, PythonText::isLineBreak)) {
            String key = name.filter(n -> assigned && EnvEntry.nameShaped(n)).orElse("");
            throw new BadLine(line, key, assigned ? "nothing after the value but a # comment"
                    : "a KEY=value line (this line has no = after its first word)");
        }
        r.skipLineBreak();
        return name.map(n -> new EnvEntry(n, value, line));
    }

    /** {@code #} starts a comment line (no key); {@code 'quoted key'}; else everything up to =, # or whitespace. */
    private static Optional<String> readKey(Reader r, int line) throws BadLine {
        if (r.at(0, ch -> ch == '#')) {
            return Optional.empty();
        }
        if (r.at(0, ch -> ch == '\'')) {
            int close = r.indexOf('\'', 1);
            if (close <= 1) {
                throw new BadLine(line, "", "a key in single quotes with a closing '");
            }
            String key = r.text(1, close);
            r.advance(close + 1);
            return Optional.of(key);
        }
        String key = r.readWhile(ch -> ch != '=' && ch != '#' && !PythonText.isSpace(ch));
        if (key.isEmpty()) {
            throw new BadLine(line, "", "a KEY=value line (this line has no key before its =)");
        }
        return Optional.of(key);
    }

    private static String readAssignedValue(Reader r, int line, String key) throws BadLine {
        r.advance(1);
        r.skipWhile(PythonText::isBlank);
        if (!r.hasNext() || r.at(0, PythonText::isLineBreak)) {
            return "";
        }
        return switch (r.peek()) {
            case '\'' -> PythonText.decodeEscapes(quoted(r, '\'', line, key), "\\'");
            case '"' -> PythonText.decodeEscapes(quoted(r, '"', line, key), "\\'\"abfnrtv");
            default -> unquoted(r);
        };
    }

    /**
     * python-dotenv matches {@code Q((?:\\Q|[^Q])*)Q}: a backslash before the quote keeps it in the value; when no
     * closing quote follows, the regex backtracks and the last escaped quote closes the value after all.
     */
    private static String quoted(Reader r, char quote, int line, String key) throws BadLine {
        int lastEscapedQuote = -1;
        int i = 1;
        while (r.has(i) && r.charAt(i) != quote) {
            if (r.charAt(i) == '\\' && r.has(i + 1) && r.charAt(i + 1) == quote) {
                lastEscapedQuote = i;
                i += 2;
            } else {
                i++;
            }
        }
        int close = r.has(i) ? i : lastEscapedQuote + 1;
        if (close <= 0) {
            throw new BadLine(line, key, "a closing " + quote + " for the value");
        }
        String raw = r.text(1, close);
        r.advance(close + 1);
        return raw;
    }

    /** The rest of the line, cut at the first {@code #} after whitespace, trailing whitespace removed. */
    private static String unquoted(Reader r) {
        String part = r.readWhile(ch -> !PythonText.isLineBreak(ch));
        for (int i = 1; i < part.length(); i++) {
            if (part.charAt(i) == '#' && PythonText.isSpace(part.charAt(i - 1))) {
                part = part.substring(0, i);
                break;
            }
        }
        return PythonText.rstrip(part);
    }

    /** {@code (?:[^\S\r\n]*#[^\r\n]*)?}: blanks then a {@code #} comment, or nothing at all. */
    private static void skipComment(Reader r) {
        int i = 0;
        while (r.has(i) && PythonText.isBlank(r.charAt(i))) {
            i++;
        }
        if (r.has(i) && r.charAt(i) == '#') {
            r.advance(i);
            r.skipWhile(ch -> !PythonText.isLineBreak(ch));
        }
    }

    /** A statement python-dotenv cannot parse; carries the key when one was read. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String key;
        private final String expected;

        BadLine(int line, String key, String expected) {
            super(expected, null, false, false);
            this.line = line;
            this.key = key;
            this.expected = expected;
        }
    }

    /** The position in the text, and the line numbers of positions. */
    private static final class Reader {
        private final String text;
        private final int[] lineStarts;
        private int pos;

        Reader(String text) {
            this.text = text;
            this.lineStarts = IntStream.concat(IntStream.of(0),
                    IntStream.range(0, text.length()).filter(i -> text.charAt(i) == '\n').map(i -> i + 1)).toArray();
        }

        int line() {
            int found = Arrays.binarySearch(lineStarts, pos);
            return found >= 0 ? found + 1 : -found - 1;
        }

        boolean hasNext() {
            return pos < text.length();
        }

        boolean has(int offset) {
            return pos + offset < text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        char charAt(int offset) {
            return text.charAt(pos + offset);
        }

        boolean at(int offset, IntPredicate test) {
            return has(offset) && test.test(charAt(offset));
        }

        boolean startsWith(String s) {
            return text.startsWith(s, pos);
        }

        int indexOf(char ch, int fromOffset) {
            int found = text.indexOf(ch, pos + fromOffset);
            return found < 0 ? -1 : found - pos;
        }

        String text(int fromOffset, int toOffset) {
            return text.substring(pos + fromOffset, pos + toOffset);
        }

        void advance(int n) {
            pos = Math.min(text.length(), pos + n);
        }

        String readWhile(IntPredicate accept) {
            int start = pos;
            skipWhile(accept);
            return text.substring(start, pos);
        }

        void skipWhile(IntPredicate accept) {
            while (hasNext() && accept.test(text.charAt(pos))) {
                pos++;
            }
        }

        void skipLineBreak() {
            if (hasNext() && PythonText.isLineBreak(peek())) {
                pos++;
            }
        }

        /** python-dotenv's recovery after a bad statement: {@code [^\r\n]*(?:\r|\n|\r\n)?}. */
        void skipRestOfLine() {
            skipWhile(ch -> !PythonText.isLineBreak(ch));
            advance(1);
        }
    }
}
