package dev.marketolog.config;

/** The few rules of Python's {@code str} and {@code re} that python-dotenv's reading depends on. */
final class PythonText {
    private PythonText() {}

    /**
     * Python's {@code str.isspace()} and {@code \s}: Java's whitespace plus the no-break spaces (U+00A0, U+2007,
     * U+202F) and NEL (U+0085), which Python counts and {@link Character#isWhitespace} does not.
     */
    static boolean isSpace(int ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\u0085';
    }

    /** {@code [^\S\r\n]}: whitespace that does not end a line. */
    static boolean isBlank(int ch) {
        return isSpace(ch) && !isLineBreak(ch);
    }

    /** What ends a line for python-dotenv: {@code \r} or {@code \n}. */
    static boolean isLineBreak(int ch) {
        return ch == '\n' || ch == '\r';
    }

    /** {@code str.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * What python-dotenv's {@code decode_escapes} does: every backslash followed by one of {@code escapable}, left
     * to right and not overlapping, becomes the character Python's {@code unicode-escape} makes of it; every other
     * backslash stays (so {@code \\u00e9} is kept as written).
     */
    static String decodeEscapes(String raw, String escapable) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\' && i + 1 < raw.length() && escapable.indexOf(raw.charAt(i + 1)) >= 0) {
                out.append(unescape(raw.charAt(++i)));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static char unescape(char ch) {
        return switch (ch) {
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000B';
            default -> ch;
        };
    }
}
