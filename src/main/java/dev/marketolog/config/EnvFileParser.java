package dev.marketolog.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Reads env files the way the Python version (pydantic-settings on python-dotenv) did: {@code KEY=value} lines,
 * an optional {@code export } prefix, full-line comments, inline comments that start at a {@code #} after
 * whitespace, single quotes (only {@code \'} and {@code \\} escaped), double quotes with the usual escapes, quoted
 * values over several lines, blank lines, CRLF. Variables ({@code ${X}}) are not expanded. A bad line becomes a
 * problem naming {@code file:line}; parsing goes on with the next line.
 */
final class EnvFileParser {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        Cursor cursor = new Cursor(text.replace("\r\n", "\n").replace('\r', '\n'));
        List<EnvEntry> entries = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        while (!cursor.atEnd()) {
            int line = cursor.line;
            try {
                readLine(cursor).ifPresent(entries::add);
            } catch (BadLine bad) {
                problems.add(new ConfigProblem(file + ":" + line, bad.key, "", bad.expected));
                cursor.skipRestOfLine();
            }
            cursor.skipNewline();
        }
        return new EnvFile(file, entries, problems);
    }

    private static EnvFile unreadable(Path file, String expected) {
        return new EnvFile(file, List.of(), List.of(new ConfigProblem(file.toString(), "", "", expected)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Optional<EnvEntry> readLine(Cursor c) throws BadLine {
        int line = c.line;
        c.skipBlanks();
        if (c.atLineEnd() || c.peek() == '#') {
            c.skipRestOfLine();
            return Optional.empty();
        }
        if (c.startsWith("export ") || c.startsWith("export\t")) {
            c.advance("export".length());
            c.skipBlanks();
        }
        String key = c.readWhile(ch -> ch != '=' && ch != '#' && !Character.isWhitespace(ch));
        if (!KEY.matcher(key).matches()) {
            // the line is not echoed: a pasted token or password may be all there is on it
            throw new BadLine("", "a KEY=value line, KEY made of letters, digits and _");
        }
        c.skipBlanks();
        if (c.atEnd() || c.peek() != '=') {
            throw new BadLine("", "a KEY=value line (this line has no =)");
        }
        c.advance(1);
        c.skipBlanks();
        String value = switch (c.atEnd() ? ' ' : c.peek()) {
            case '\'' -> quoted(c, '\'', key);
            case '"' -> quoted(c, '"', key);
            default -> unquoted(c);
        };
        return Optional.of(new EnvEntry(key.toUpperCase(Locale.ROOT), value, line));
    }

    private static String unquoted(Cursor c) {
        String rest = c.readWhile(ch -> ch != '\n');
        for (int i = 1; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && Character.isWhitespace(rest.charAt(i - 1))) {
                rest = rest.substring(0, i);
                break;
            }
        }
        return rest.strip();
    }

    private static String quoted(Cursor c, char quote, String key) throws BadLine {
        c.advance(1);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (c.atEnd()) {
                throw new BadLine(key.toUpperCase(Locale.ROOT), "a closing " + quote + " for the value");
            }
            char ch = c.next();
            if (ch == quote) {
                break;
            }
            if (ch == '\\' && !c.atEnd()) {
                value.append(quote == '"' ? doubleQuotedEscape(c) : singleQuotedEscape(c));
            } else {
                value.append(ch);
            }
        }
        c.skipBlanks();
        if (!c.atLineEnd() && c.peek() != '#') {
            throw new BadLine(key.toUpperCase(Locale.ROOT), "nothing after the closing " + quote + " but a # comment");
        }
        c.skipRestOfLine();
        return value.toString();
    }

    private static String singleQuotedEscape(Cursor c) {
        char next = c.peek();
        if (next == '\'' || next == '\\') {
            c.advance(1);
            return String.valueOf(next);
        }
        return "\\";
    }

    private static String doubleQuotedEscape(Cursor c) {
        char next = c.next();
        return switch (next) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '"', '\'', '\\' -> String.valueOf(next);
            case 'u' -> unicodeEscape(c);
            // python's unicode_escape keeps an unknown escape as written
            default -> "\\" + next;
        };
    }

    private static String unicodeEscape(Cursor c) {
        String hex = c.peekUpTo(4);
        if (hex.length() == 4 && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            c.advance(4);
            return String.valueOf((char) Integer.parseInt(hex, 16));
        }
        return "\\u";
    }

    /** A line that cannot be read; carries the key when one was read. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String expected;

        BadLine(String key, String expected) {
            super(expected, null, false, false);
            this.key = key;
            this.expected = expected;
        }
    }

    /** Position in the text, counting lines as it moves. */
    private static final class Cursor {
        private final String text;
        private int pos;
        private int line = 1;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        boolean atLineEnd() {
            return atEnd() || text.charAt(pos) == '\n';
        }

        char peek() {
            return text.charAt(pos);
        }

        String peekUpTo(int n) {
            return text.substring(pos, Math.min(text.length(), pos + n));
        }

        boolean startsWith(String s) {
            return text.startsWith(s, pos);
        }

        char next() {
            char ch = text.charAt(pos++);
            if (ch == '\n') {
                line++;
            }
            return ch;
        }

        void advance(int n) {
            for (int i = 0; i < n && !atEnd(); i++) {
                next();
            }
        }

        String readWhile(IntPredicate accept) {
            int start = pos;
            while (!atEnd() && accept.test(text.charAt(pos))) {
                next();
            }
            return text.substring(start, pos);
        }

        void skipBlanks() {
            readWhile(ch -> ch == ' ' || ch == '\t');
        }

        void skipRestOfLine() {
            readWhile(ch -> ch != '\n');
        }

        void skipNewline() {
            if (!atEnd()) {
                next();
            }
        }
    }
}
