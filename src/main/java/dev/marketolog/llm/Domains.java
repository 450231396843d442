package dev.marketolog.llm;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * Whether a dotted word is a domain name, by the public suffix list (Guava's copy): a name with at least one label
 * before an ICANN suffix, whatever the ending ({@code example.de}, {@code site.co.uk}, {@code пример.рф},
 * {@code xn--e1afmkfd.xn--p1ai}, {@code user.github.io}). Russian abbreviations and numbers ({@code т.е}, {@code т.д},
 * {@code 3.5}) end in no suffix and are not domains; a bare suffix ({@code co.uk}) is not one either.
 */
final class Domains {

    private Domains() {}

    static boolean isDomain(String name) {
        // Guava lower-cases only ASCII: ПРИМЕР.РФ must meet the list's рф
        String lower = name.toLowerCase(Locale.ROOT);
        return InternetDomainName.isValid(lower) && InternetDomainName.from(lower).isUnderRegistrySuffix();
    }
}
