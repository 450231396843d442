package dev.marketolog.config;

/**
 * POSTGRES_DSN as JDBC parts; the seed's SQLAlchemy form and a JDBC URL both end up here.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host[:port]/db[?params]}, never with the user or password in it
 * @param user     empty when the DSN names none (the driver then uses its default)
 * @param password {@link Secret#NONE} when the DSN has none
 */
public record DatabaseDsn(String jdbcUrl, String user, Secret password) {
    @Override
    public String toString() {
        return jdbcUrl + " user=" + user + " password=" + password.masked();
    }
}
