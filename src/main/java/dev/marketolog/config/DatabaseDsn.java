package dev.marketolog.config;

/** POSTGRES_DSN as JDBC parts; the seed's SQLAlchemy form and a JDBC URL both end up here. */
public record DatabaseDsn(String jdbcUrl, String user, Secret password) {
    @Override
    public String toString() {
        return jdbcUrl + " user=" + user + " password=" + password.masked();
    }
}
