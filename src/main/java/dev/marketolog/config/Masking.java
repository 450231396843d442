package dev.marketolog.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides the credentials inside connection URLs (POSTGRES_DSN, REDIS_URL) so the rest can still be shown. */
final class Masking {
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*://)([^@/?#]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("([?&]password=)[^&#]*", Pattern.CASE_INSENSITIVE);

    private Masking() {}

    /**
     * {@code postgresql://u:secret@h/db} → {@code postgresql://u:****@h/db}; a {@code password=} query parameter is
     * masked too; for redis a lone user-info part is a password ({@code redis://secret@h}) and is masked whole.
     */
    static String urlCredentials(String url) {
        Matcher userInfo = USER_INFO.matcher(url);
        String masked = url;
        if (userInfo.find()) {
            String info = userInfo.group(2);
            int colon = info.indexOf(':');
            String shown;
            if (colon >= 0) {
                shown = info.substring(0, colon) + ":****";
            } else {
                shown = userInfo.group(1).startsWith("redis") && !info.isEmpty() ? "****" : info;
            }
            masked = userInfo.group(1) + shown + "@" + url.substring(userInfo.end());
        }
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1****");
    }
}
