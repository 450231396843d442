package dev.marketolog.web.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field with a comma, a quote or a line break in double
 * quotes with its quotes doubled), safe to open in a spreadsheet: a text cell that starts with {@code = + - @}, a tab
 * or a carriage return gets a leading {@code '} so it is never run as a formula (OWASP, "CSV injection"). Comments
 * and titles are written by strangers; numbers and times we write ourselves are left as they are.
 */
final class Csv {

    /** One cell: text from outside (guarded against formulas) or a value of ours (a number, a time). */
    sealed interface Cell {
        String value();
    }

    record Text(String value) implements Cell {}

    record Plain(String value) implements Cell {}

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void row(List<Cell> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String field(Cell cell) {
        String value = cell instanceof Text text ? defused(text.value()) : cell.value();
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String defused(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
