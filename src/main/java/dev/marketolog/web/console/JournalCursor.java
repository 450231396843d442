package dev.marketolog.web.console;

import dev.marketolog.engine.JournalSearch.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * The journal's page cursor as clients see it: opaque (base64url of the last row's time and id), so nobody builds one
 * by hand and the key it holds may change without breaking a client.
 */
final class JournalCursor {

    private JournalCursor() {}

    static String encode(Cursor cursor) {
        String key = cursor.at() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API gave out */
    static Cursor decode(String text) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = key.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Instant.parse(key.substring(0, bar)), Long.parseLong(key.substring(bar + 1)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
