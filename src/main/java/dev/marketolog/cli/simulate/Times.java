package dev.marketolog.cli.simulate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How simulate writes instants: ISO-8601 to the second, always with a numeric offset ({@code +03:00}, never {@code Z}). */
final class Times {

    private static final DateTimeFormatter ISO_WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Times() {}

    static String iso(Instant at, ZoneId zone) {
        return ISO_WITH_OFFSET.format(at.atZone(zone));
    }
}
