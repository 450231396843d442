package dev.marketolog.config;

import java.util.List;
import java.util.Locale;

/**
 * Hides the credentials inside URL-valued settings (POSTGRES_DSN, REDIS_URL, OPENAI_BASE_URL) so the rest can still
 * be shown. It reads the URL's structure, never a pattern over free text: the user-info password, every query
 * parameter whose name says it is secret, and any fragment are masked. A value whose user-info does not parse (a `/`,
 * `?`, `#` or `@` in an unencoded password) is masked from {@code ://} to its last {@code @}, so whatever the
 * password holds, none of it shows.
 */
final class Masking {
    static final String MASK = "****";
    /** Words that make a query parameter secret: password, sslpassword, passwd, pwd, api_key, sslkey, access_token, client_secret... */
    private static final List<String> SECRET_WORDS = List.of("pass", "pwd", "secret", "token", "key", "auth", "credential", "sig");

    private Masking() {}

    /** Whether a query parameter of this name carries a secret (by its name, in any case). */
    static boolean secretParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /**
     * {@code postgresql://u:secret@h/db} → {@code postgresql://u:****@h/db}; {@code ?password=s&ssl=1} →
     * {@code ?password=****&ssl=1}. A lone user-info part is a password for Redis
     * ({@code redis://secret@h}) and a token for http(s), masked whole; a user name elsewhere (PostgreSQL).
     */
    static String urlCredentials(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        String scheme = url.substring(0, authorityStart);
        String rest = url.substring(authorityStart);
        int lastAt = rest.lastIndexOf('@');
        if (lastAt < 0) {
            return scheme + afterUserInfo(rest, false);
        }
        String userInfo = rest.substring(0, lastAt);
        String tail = rest.substring(lastAt + 1);
        if (parses(userInfo)) {
            return scheme + userInfo(scheme, userInfo) + "@" + afterUserInfo(tail, false);
        }
        // The tail may be the end of a query parameter's value the mask swallowed: "?password=p@ss" leaves "ss".
        int question = userInfo.indexOf('?');
        boolean tailInQuery = question >= 0 && userInfo.indexOf('=', question) >= 0;
        return scheme + MASK + "@" + afterUserInfo(tail, tailInQuery);
    }

    /** A user-info part as URLs define it: nothing that would end the authority, and no second {@code @}. */
    private static boolean parses(String userInfo) {
        return userInfo.chars().noneMatch(c -> c == '/' || c == '?' || c == '#' || c == '@');
    }

    private static String userInfo(String scheme, String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
            return userInfo.substring(0, colon) + ":" + MASK;
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        boolean password = lower.startsWith("redis") || lower.startsWith("http");
        return password && !userInfo.isEmpty() ? MASK : userInfo;
    }

    /** Host, path, query and fragment: secret parameters and the fragment masked, the rest as given. */
    private static String afterUserInfo(String text, boolean startsInQuery) {
        int hash = text.indexOf('#');
        String beforeFragment = hash < 0 ? text : text.substring(0, hash);
        String fragment = hash < 0 ? "" : "#" + (hash == text.length() - 1 ? "" : MASK);
        if (startsInQuery) {
            int amp = beforeFragment.indexOf('&');
            String rest = amp < 0 ? "" : query(beforeFragment.substring(amp));
            return MASK + rest + fragment;
        }
        int question = beforeFragment.indexOf('?');
        if (question < 0) {
            return beforeFragment + fragment;
        }
        return beforeFragment.substring(0, question) + "?" + query(beforeFragment.substring(question + 1)) + fragment;
    }

    /** {@code a=1&password=x} → {@code a=1&password=****}; separators kept as given. */
    static String query(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            out.append(parameter(query.substring(start, end)));
            if (end < query.length()) {
                out.append('&');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static String parameter(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0 || equals == parameter.length() - 1 || !secretParameter(parameter.substring(0, equals))) {
            return parameter;
        }
        return parameter.substring(0, equals + 1) + MASK;
    }
}
