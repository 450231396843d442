package dev.marketolog.web.console;

import dev.marketolog.engine.JournalSearch.JournalRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The journal as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break in double
 * quotes with its quotes doubled), one header line, then a row a line. A text field that a spreadsheet would read as a
 * formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe: comments echo what
 * strangers wrote (OWASP's CSV injection sheet).
 */
public final class JournalCsv {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    static final List<String> HEADER = List.of("id", "at", "account", "channel_id", "post_id", "branch", "status", "text",
            "link", "error", "deleted_at");
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r]");

    private final Writer out;

    public JournalCsv(Writer out) {
        this.out = out;
        line(HEADER);
    }

    /** Writes one row. */
    public void write(JournalRow row) {
        line(List.of(Long.toString(row.id()), row.at().toString(), row.account(), Long.toString(row.channelId()),
                Long.toString(row.postId()), row.branch().code(), row.status().code(), text(row.text()), text(row.link()),
                text(row.error()), row.deletedAt().map(Instant::toString).orElse("")));
    }

    private static String text(Optional<String> value) {
        return value.map(text -> FORMULA.matcher(text).find() ? "'" + text : text).orElse("");
    }

    private void line(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quoted(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("the CSV export was cut off", e);
        }
    }

    private static String quoted(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }
}
