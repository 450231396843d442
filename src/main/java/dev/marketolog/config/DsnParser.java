package dev.marketolog.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * POSTGRES_DSN → {@link DatabaseDsn}: the seed's SQLAlchemy URL ({@code postgresql+psycopg2://user:pass@host:5432/db},
 * {@code postgresql://...}, {@code postgres://...}) or a JDBC URL ({@code jdbc:postgresql://host/db?user=u&password=p}).
 * User and password are taken out of the URL (percent-decoded) so the JDBC URL never carries the password.
 */
final class DsnParser {
    private static final Pattern SQLALCHEMY_SCHEME = Pattern.compile("postgres(ql)?(\\+[A-Za-z0-9_]+)?");
    private static final String EXPECTED =
            "a PostgreSQL URL: postgresql+psycopg2://user:password@host:5432/db, postgresql://... or jdbc:postgresql://host:5432/db";

    private DsnParser() {}

    static DatabaseDsn parse(String raw) throws InvalidValueException {
        String text = raw.strip();
        boolean jdbc = text.regionMatches(true, 0, "jdbc:", 0, 5);
        String withoutJdbc = jdbc ? text.substring(5) : text;
        int schemeEnd = withoutJdbc.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidValueException(EXPECTED);
        }
        String scheme = withoutJdbc.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (jdbc ? !scheme.equals("postgresql") : !SQLALCHEMY_SCHEME.matcher(scheme).matches()) {
            throw new InvalidValueException(EXPECTED);
        }
        URI uri;
        try {
            uri = new URI("postgresql" + withoutJdbc.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw new InvalidValueException(EXPECTED);
        }
        if (uri.getHost() == null) {
            throw new InvalidValueException(EXPECTED);
        }
        String user = "";
        String password = "";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        List<String> keptParameters = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.split("=", 2)[0];
                String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> {
                        if (!parameter.isEmpty()) {
                            keptParameters.add(parameter);
                        }
                    }
                }
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
                + (keptParameters.isEmpty() ? "" : "?" + String.join("&", keptParameters));
        return new DatabaseDsn(jdbcUrl, user, Secret.of(password));
    }

    /** Percent-decoding as SQLAlchemy does it: a {@code +} stays a plus. */
    private static String decode(String text) throws InvalidValueException {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(EXPECTED + " (with valid %-escapes)");
        }
    }
}
