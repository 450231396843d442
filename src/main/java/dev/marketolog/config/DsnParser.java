package dev.marketolog.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * POSTGRES_DSN → {@link DatabaseDsn}: the seed's SQLAlchemy URL ({@code postgresql+psycopg2://user:pass@host:5432/db},
 * {@code postgresql://...}, {@code postgres://...}) or a JDBC URL ({@code jdbc:postgresql://host/db?user=u&password=p}).
 * User, password and every parameter whose name says it is secret ({@code sslpassword}) are taken out of the URL
 * (percent-decoded) so the JDBC URL never carries a secret. An {@code @} after the host other than in {@code user=} or
 * {@code password=} is refused: it is the sign of a password with an unencoded {@code /}, {@code ?} or {@code #} that the URL rules
 * split into host, port and path.
 */
final class DsnParser {
    private static final Pattern SQLALCHEMY_SCHEME = Pattern.compile("postgres(ql)?(\\+[A-Za-z0-9_]+)?");
    private static final String EXPECTED =
            "a PostgreSQL URL: postgresql+psycopg2://user:password@host:5432/db, postgresql://... or jdbc:postgresql://host:5432/db";
    /** Why a URL with a password in it most often fails to parse, and the cure. */
    static final String UNENCODED_HINT =
            " (percent-encode these characters in a user name or password: / %2F, ? %3F, # %23, @ %40, % %25, space %20)";

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
            throw new InvalidValueException(EXPECTED + UNENCODED_HINT);
        }
        if (uri.getHost() == null) {
            throw new InvalidValueException(EXPECTED + UNENCODED_HINT);
        }
        if (contains(uri.getRawPath(), '@') || uri.getRawFragment() != null) {
            // host:port/path parsed out of what was meant as user:password (a "/" or "#" in the password)
            throw new InvalidValueException(EXPECTED + UNENCODED_HINT);
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
        SequencedMap<String, Secret> secretParameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.split("=", 2)[0];
                String value = parameter.contains("=") ? decode(parameter.split("=", 2)[1]) : "";
                if (name.equalsIgnoreCase("user")) {
                    user = value;
                } else if (name.equalsIgnoreCase("password")) {
                    password = value;
                } else if (contains(parameter, '@')) {
                    // an @ belongs in a user name (Azure's user@server) or a password, not in another parameter
                    throw new InvalidValueException(EXPECTED + UNENCODED_HINT);
                } else if (Masking.secretParameter(name)) {
                    secretParameters.put(name, Secret.of(value));
                } else if (!parameter.isEmpty()) {
                    keptParameters.add(parameter);
                }
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
                + (keptParameters.isEmpty() ? "" : "?" + String.join("&", keptParameters));
        return new DatabaseDsn(jdbcUrl, user, Secret.of(password), secretParameters);
    }

    private static boolean contains(String text, char c) {
        return text != null && text.indexOf(c) >= 0;
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
