package dev.marketolog.web.console;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalSearch.Cursor;
import dev.marketolog.engine.JournalSearch.Filter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The journal's filters and cursor as query parameters, read the same way for the API and the panel: {@code account},
 * {@code channel} (a chat id), {@code status}, {@code branch}, {@code from} and {@code to} (ISO-8601, e.g.
 * {@code 2026-12-03T10:00:00Z}; without a zone, as a browser's date-time field sends it, UTC), {@code after} (the
 * previous page's cursor). An empty parameter is no filter.
 */
public final class JournalParams {

    /** What the parameters say. */
    public sealed interface Parsed permits Valid, Invalid {}

    /** A usable filter and cursor. */
    public record Valid(Filter filter, Optional<Cursor> after) implements Parsed {}

    /** Every parameter that is wrong, each naming itself, the value and what was expected. */
    public record Invalid(List<String> problems) implements Parsed {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    private JournalParams() {}

    /** Reads the parameters through {@code param} (null or blank: not given). */
    public static Parsed parse(Function<String, String> param) {
        List<String> problems = new ArrayList<>();
        Optional<String> account = given(param, "account");
        Optional<Long> channel = given(param, "channel").flatMap(value -> number(value, "channel", problems));
        Optional<CommentStatus> status = given(param, "status").flatMap(value -> status(value, problems));
        Optional<Branch> branch = given(param, "branch").flatMap(value -> branch(value, problems));
        Optional<Instant> from = given(param, "from").flatMap(value -> instant(value, "from", problems));
        Optional<Instant> to = given(param, "to").flatMap(value -> instant(value, "to", problems));
        Optional<Cursor> after = given(param, "after").flatMap(value -> cursor(value, problems));
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new Filter(account, channel, status, branch, from, to), after);
    }

    /** The filter as query parameters (without the cursor), for links to the next page and the CSV export. */
    public static String query(Filter filter) {
        List<String> parts = new ArrayList<>();
        filter.account().ifPresent(value -> parts.add("account=" + encode(value)));
        filter.channelId().ifPresent(value -> parts.add("channel=" + value));
        filter.status().ifPresent(value -> parts.add("status=" + value.code()));
        filter.branch().ifPresent(value -> parts.add("branch=" + value.code()));
        filter.from().ifPresent(value -> parts.add("from=" + value));
        filter.to().ifPresent(value -> parts.add("to=" + value));
        return String.join("&", parts);
    }

    /** The cursor as the {@code after} parameter's value: {@code <epoch microseconds>.<row id>}. */
    public static String cursor(Cursor cursor) {
        long micros = cursor.at().getEpochSecond() * 1_000_000 + cursor.at().getNano() / 1_000;
        return micros + "." + cursor.id();
    }

    private static Optional<String> given(Function<String, String> param, String name) {
        return Optional.ofNullable(param.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<Long> number(String value, String name, List<String> problems) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            problems.add(name + "=" + value + ": expected a chat id such as -1001234567890");
            return Optional.empty();
        }
    }

    private static Optional<CommentStatus> status(String value, List<String> problems) {
        try {
            return Optional.of(CommentStatus.ofCode(value));
        } catch (IllegalArgumentException e) {
            problems.add("status=" + value + ": expected one of " + codes(CommentStatus.values(), CommentStatus::code));
            return Optional.empty();
        }
    }

    private static Optional<Branch> branch(String value, List<String> problems) {
        try {
            return Optional.of(Branch.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            problems.add("branch=" + value + ": expected one of " + codes(Branch.values(), Branch::code));
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value, String name, List<String> problems) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                problems.add(name + "=" + value + ": expected a time such as 2026-12-03T10:00:00Z");
                return Optional.empty();
            }
        }
    }

    private static Optional<Cursor> cursor(String value, List<String> problems) {
        int dot = value.indexOf('.');
        try {
            long micros = Long.parseLong(value.substring(0, dot));
            long id = Long.parseLong(value.substring(dot + 1));
            return Optional.of(new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
        } catch (RuntimeException e) { // no dot, not numbers, out of range
            problems.add("after=" + value + ": expected the cursor of the previous page");
            return Optional.empty();
        }
    }

    private static <E> String codes(E[] values, Function<E, String> code) {
        return Arrays.stream(values).map(code).collect(Collectors.joining(", "));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
