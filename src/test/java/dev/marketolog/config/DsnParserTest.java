package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DsnParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postgresql+psycopg2://user:password@postgres:5432/mb_db | jdbc:postgresql://postgres:5432/mb_db | user | password
            postgresql://user:password@localhost:5433/mb_db          | jdbc:postgresql://localhost:5433/mb_db | user | password
            postgres://app@db.internal/mb                            | jdbc:postgresql://db.internal/mb       | app  | ''
            postgresql+asyncpg://localhost/mb                        | jdbc:postgresql://localhost/mb         | ''   | ''
            postgresql://us%40er:p%3Ass+w%2Fd@h:5432/db               | jdbc:postgresql://h:5432/db            | us@er | p:ss+w/d
            postgresql://u:p@h/db?sslmode=require                    | jdbc:postgresql://h/db?sslmode=require | u    | p
            jdbc:postgresql://h:5432/db                              | jdbc:postgresql://h:5432/db            | ''   | ''
            jdbc:postgresql://h:5432/db?user=u&password=p%26q&ssl=true | jdbc:postgresql://h:5432/db?ssl=true | u    | p&q
            JDBC:postgresql://[::1]:5432/db?user=u                   | jdbc:postgresql://[::1]:5432/db        | u    | ''
            """)
    void convertsEveryAcceptedFormToJdbcParts(String dsn, String jdbcUrl, String user, String password)
            throws InvalidValueException {
        DatabaseDsn parsed = DsnParser.parse(dsn);
        assertThat(parsed.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(parsed.user()).isEqualTo(user);
        assertThat(parsed.password().reveal()).isEqualTo(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:p@h/db", "postgresql:/h/db", "jdbc:mysql://h/db", "postgresql://u:p@/db",
            "jdbc:postgresql:db", "postgresql://u:p%zz@h/db", "h:5432/db"})
    void rejectsWhatIsNotAPostgresUrl(String dsn) {
        assertThatThrownBy(() -> DsnParser.parse(dsn)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("a PostgreSQL URL");
    }

    /** Each of these passwords turns part of itself into host, port, path or fragment by the URL rules. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:12/secret@h/db", "postgresql://u:12?secret@h/db", "postgresql://u:12?x=secret@h/db",
            "postgresql://u:pa#ss@h/db", "postgresql://u:p@ss@h/db", "jdbc:postgresql://h/db?password=pa#ss",
            "postgresql://u:pa ss@h/db"})
    void refusesAPasswordWithUnencodedDelimitersAndSaysHowToEncodeIt(String dsn) {
        assertThatThrownBy(() -> DsnParser.parse(dsn)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("percent-encode").hasMessageContaining("/ %2F");
    }

    @Test
    void takesEverySecretParameterOutOfTheJdbcUrl() throws InvalidValueException {
        DatabaseDsn parsed = DsnParser.parse("jdbc:postgresql://h/db?user=me@server&sslmode=verify-full&sslpassword=k%26y&password=p@ss");

        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full");
        assertThat(parsed.user()).isEqualTo("me@server");
        assertThat(parsed.password().reveal()).isEqualTo("p@ss");
        assertThat(parsed.secretParameters()).containsOnlyKeys("sslpassword");
        assertThat(parsed.secretParameters().get("sslpassword").reveal()).isEqualTo("k&y");
        assertThat(parsed.toString()).isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full user=me@server password=**** sslpassword=****");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            postgresql+psycopg2://user:s3cret@postgres:5432/mb_db | postgresql+psycopg2://user:****@postgres:5432/mb_db
            jdbc:postgresql://h/db?user=u&password=s3cret&ssl=1   | jdbc:postgresql://h/db?user=u&password=****&ssl=1
            redis://:s3cret@redis:6379/0                          | redis://:****@redis:6379/0
            redis://s3cret@redis:6379/0                           | redis://****@redis:6379/0
            postgresql://app@h/db                                 | postgresql://app@h/db
            postgresql://u:pa/ss@h/db                             | postgresql://****@h/db
            postgresql://u:p@ss@h/db                              | postgresql://****@h/db
            postgresql://u:pa#ss@h:5432/db                        | postgresql://****@h:5432/db
            postgresql://u:pa?ss@h/db                             | postgresql://****@h/db
            jdbc:postgresql://h/db?sslpassword=s3cret&sslmode=require | jdbc:postgresql://h/db?sslpassword=****&sslmode=require
            jdbc:postgresql://h/db?user=u&password=p@ss&ssl=1     | jdbc:postgresql://****@****&ssl=1
            jdbc:postgresql://h/db?password=pa#ss                 | jdbc:postgresql://h/db?password=****#****
            http://u:sk-1@llm:8080/v1                             | http://u:****@llm:8080/v1
            http://sk-1@llm/v1                                    | http://****@llm/v1
            https://llm/v1?api_key=sk-1&api-version=2024          | https://llm/v1?api_key=****&api-version=2024
            https://llm/v1?access_token=t&client_secret=s&Auth=a  | https://llm/v1?access_token=****&client_secret=****&Auth=****
            h:5432/db                                             | h:5432/db
            """)
    void masksThePasswordInsideUrls(String url, String masked) {
        assertThat(Masking.urlCredentials(url)).isEqualTo(masked);
    }
}
