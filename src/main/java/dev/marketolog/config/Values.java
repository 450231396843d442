package dev.marketolog.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsers for the kinds of values settings have, each saying what it expected when a value does not fit. */
final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern REDIS_DATABASE = Pattern.compile("(/\\d{0,9})?");
    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,2})\\s*-\\s*(\\d{1,2})\\s*");

    private Values() {}

    static ValueParser<Integer> integer(int min, int max) {
        String expected = "a whole number " + range(min, max);
        return raw -> {
            try {
                int value = Integer.parseInt(raw.strip());
                if (value < min || value > max) {
                    throw new InvalidValueException(expected);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidValueException(expected);
            }
        };
    }

    static ValueParser<Duration> seconds(int min) {
        ValueParser<Integer> count = integer(min, Integer.MAX_VALUE);
        return raw -> Duration.ofSeconds(count.parse(raw));
    }

    static ValueParser<Duration> minutes(int min) {
        ValueParser<Integer> count = integer(min, Integer.MAX_VALUE);
        return raw -> Duration.ofMinutes(count.parse(raw));
    }

    static ValueParser<Duration> days(int min) {
        ValueParser<Integer> count = integer(min, Integer.MAX_VALUE);
        return raw -> Duration.ofDays(count.parse(raw));
    }

    static ValueParser<Double> decimal(double min, double max) {
        String expected = "a number from " + plain(min) + " to " + plain(max);
        return raw -> {
            try {
                double value = Double.parseDouble(raw.strip());
                if (!(value >= min && value <= max)) {
                    throw new InvalidValueException(expected);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidValueException(expected);
            }
        };
    }

    /** Booleans as pydantic reads them: true/false, 1/0, yes/no, on/off, t/f, y/n, any case. */
    static boolean bool(String raw) throws InvalidValueException {
        String word = raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return true;
        }
        if (FALSE.contains(word)) {
            return false;
        }
        throw new InvalidValueException("true or false (also 1/0, yes/no, on/off, t/f, y/n)");
    }

    /** A JSON array of whole numbers ({@code [-1001, -1002]}) or the numbers separated by commas. */
    static List<Long> longList(String raw) throws InvalidValueException {
        String expected = "a list of chat ids like [-1001, -1002] or -1001,-1002";
        List<Long> ids = new ArrayList<>();
        try {
            for (String item : items(raw, expected)) {
                ids.add(Long.parseLong(item));
            }
        } catch (NumberFormatException e) {
            throw new InvalidValueException(expected);
        }
        return ids;
    }

    /** A JSON array of strings or the words separated by commas; blank items are dropped. */
    static List<String> stringList(String raw) throws InvalidValueException {
        return items(raw, "a list like [\"a\", \"b\"] or a, b");
    }

    private static List<String> items(String raw, String expected) throws InvalidValueException {
        String text = raw.strip();
        if (!text.startsWith("[")) {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        try {
            JsonNode array = JSON.readTree(text);
            if (!array.isArray()) {
                throw new InvalidValueException(expected);
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : array) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new InvalidValueException(expected);
                }
                items.add(item.asText().strip());
            }
            return items.stream().filter(s -> !s.isEmpty()).toList();
        } catch (JsonProcessingException e) {
            throw new InvalidValueException(expected);
        }
    }

    /** ACTIVE_WINDOWS: {@code 5-10,18-24}, local hours 0-24, start before end, right end exclusive. */
    static ActiveWindows windows(String raw) throws InvalidValueException {
        String expected = "hour windows like 5-10,18-24 (hours 0-24, start < end)";
        List<HourWindow> windows = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            var matcher = WINDOW.matcher(part);
            if (!matcher.matches()) {
                throw new InvalidValueException(expected);
            }
            try {
                windows.add(new HourWindow(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(expected);
            }
        }
        return new ActiveWindows(windows);
    }

    static ZoneId zone(String raw) throws InvalidValueException {
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            throw new InvalidValueException("a time zone like Europe/Moscow, UTC or +03:00");
        }
    }

    /** An http or https URL with a host and nothing after its path: no user:password, query or fragment. */
    static URI httpUrl(String raw) throws InvalidValueException {
        String expected = "an http:// or https:// URL with a host, like http://localhost:11434/v1";
        URI uri = url(raw, Set.of("http", "https"), expected);
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValueException(expected + ", without user:password (the API key goes in OPENAI_API_KEY)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidValueException(expected + ", without ?query or #fragment (the request path is appended to it)");
        }
        return uri;
    }

    /** Where operators reach the console from their browsers: an http or https URL with a host, nothing but a path after it. */
    static URI publicUrl(String raw) throws InvalidValueException {
        String expected = "an http:// or https:// URL with a host, like https://marketolog.example.org";
        URI uri = url(raw, Set.of("http", "https"), expected);
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidValueException(expected + ", without user:password, ?query or #fragment");
        }
        return uri;
    }

    /** An http URL on this machine: the sandbox world must never be a way to reach anything else. */
    static URI loopbackHttpUrl(String raw) throws InvalidValueException {
        String expected = "an http:// URL on this machine (127.0.0.1, ::1 or localhost), like http://127.0.0.1:9400";
        URI uri = url(raw, Set.of("http"), expected);
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new InvalidValueException(expected + "; " + uri.getHost() + " is not a loopback address");
                }
            }
        } catch (UnknownHostException e) {
            throw new InvalidValueException(expected + "; " + uri.getHost() + " does not resolve");
        }
        return uri;
    }

    /**
     * A redis or rediss URL as Jedis takes it: a password needs a colon before it ({@code redis://:pass@h}), the path is
     * a database number, and a missing port is 6379 (Jedis refuses such a URL with an error quoting it whole).
     */
    static URI redisUrl(String raw) throws InvalidValueException {
        String expected = "a redis:// or rediss:// URL with a host, like redis://localhost:6379/0";
        URI uri = url(raw, Set.of("redis", "rediss"), expected);
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().indexOf(':') < 0) {
            throw new InvalidValueException(expected + ", with the password after a colon: redis://:password@host or redis://user:password@host");
        }
        if (uri.getRawPath() != null && !REDIS_DATABASE.matcher(uri.getRawPath()).matches()) {
            throw new InvalidValueException(expected + ", whose path is a database number");
        }
        if (uri.getPort() >= 0) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + ":6379" + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    /**
     * A URL of one of {@code schemes} with a host. An {@code @} after the host is refused: it means a password with an
     * unencoded {@code /}, {@code ?} or {@code #} that the URL rules turned into host, port and path.
     */
    private static URI url(String raw, Set<String> schemes, String expected) throws InvalidValueException {
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new InvalidValueException(expected + DsnParser.UNENCODED_HINT);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new InvalidValueException(expected);
        }
        String afterHost = (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : uri.getRawFragment());
        if (uri.getHost() == null || afterHost.indexOf('@') >= 0) {
            throw new InvalidValueException(expected + DsnParser.UNENCODED_HINT);
        }
        return uri;
    }

    /**
     * A secret sent in an HTTP header (OPENAI_API_KEY): printable ASCII without spaces, which is what keys are; the
     * HTTP client would refuse anything else with an error that quotes the value.
     */
    static Secret headerSecret(String raw) throws InvalidValueException {
        String value = raw.strip();
        if (!value.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new InvalidValueException("printable ASCII without spaces (it is sent in an HTTP header)");
        }
        return Secret.of(value);
    }

    static int port(String raw) throws InvalidValueException {
        return integer(1, 65535).parse(raw);
    }

    static Path path(String raw) throws InvalidValueException {
        try {
            return Path.of(raw.strip());
        } catch (InvalidPathException e) {
            throw new InvalidValueException("a file system path");
        }
    }

    static Path readableFile(String raw) throws InvalidValueException {
        Path path = path(raw);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidValueException("a readable file (" + path.toAbsolutePath() + " is not one)");
        }
        return path;
    }

    static LogFormat logFormat(String raw) throws InvalidValueException {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new InvalidValueException("text or json");
        };
    }

    /** An account name is a directory name under DATA_DIR, so only safe characters. */
    static String accountName(String raw) throws InvalidValueException {
        String name = raw.strip();
        if (!ACCOUNT_NAME.matcher(name).matches()) {
            throw new InvalidValueException("1-64 letters, digits, _ or -");
        }
        return name;
    }

    static boolean isAccountName(String name) {
        return ACCOUNT_NAME.matcher(name).matches();
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "≥ " + min : "from " + min + " to " + max;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
