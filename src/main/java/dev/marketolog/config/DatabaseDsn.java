package dev.marketolog.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * POSTGRES_DSN as JDBC parts; the seed's SQLAlchemy form and a JDBC URL both end up here. No secret is left in
 * {@link #jdbcUrl()}, which the driver, the pool and the migrations may log.
 *
 * @param jdbcUrl          {@code jdbc:postgresql://host[:port]/db[?params]}, never with the user, the password or a
 *                         parameter whose name says it is secret
 * @param user             empty when the DSN names none (the driver then uses its default)
 * @param password         {@link Secret#NONE} when the DSN has none
 * @param secretParameters the DSN's other secret parameters ({@code sslpassword}, ...), handed to the driver as
 *                         connection properties
 */
public record DatabaseDsn(String jdbcUrl, String user, Secret password, SequencedMap<String, Secret> secretParameters) {
    public DatabaseDsn {
        secretParameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(secretParameters));
    }

    /** A DSN with no secret parameters besides the password. */
    public DatabaseDsn(String jdbcUrl, String user, Secret password) {
        this(jdbcUrl, user, password, new LinkedHashMap<>());
    }

    @Override
    public String toString() {
        return jdbcUrl + " user=" + user + " password=" + password.masked() + secretParameters.entrySet().stream()
                .map(e -> " " + e.getKey() + "=" + e.getValue().masked()).collect(Collectors.joining());
    }
}
