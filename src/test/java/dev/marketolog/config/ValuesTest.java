package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "Yes", "on", "t", "Y", " true "})
    void readsTrueAsPydanticDoes(String raw) throws InvalidValueException {
        assertThat(Values.bool(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "0", "no", "OFF", "f", "n"})
    void readsFalseAsPydanticDoes(String raw) throws InvalidValueException {
        assertThat(Values.bool(raw)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "tru", "да"})
    void rejectsOtherBooleanWords(String raw) {
        assertThatThrownBy(() -> Values.bool(raw)).isInstanceOf(InvalidValueException.class).hasMessageContaining("true or false");
    }

    @Test
    void readsChatIdsAsJsonOrCommaSeparated() throws InvalidValueException {
        assertThat(Values.longList("[-1001, -1002]")).containsExactly(-1001L, -1002L);
        assertThat(Values.longList("-1001,-1002")).containsExactly(-1001L, -1002L);
        assertThat(Values.longList(" -1001 , -1002 ,")).containsExactly(-1001L, -1002L);
        assertThat(Values.longList("-1001")).containsExactly(-1001L);
        assertThat(Values.longList("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[-100..., -100...]", "[-1001, -1002", "-1001;-1002", "{\"a\": 1}", "[[1]]", "[1.5]"})
    void rejectsChatIdsThatAreNotWholeNumbers(String raw) {
        assertThatThrownBy(() -> Values.longList(raw)).hasMessageContaining("list of chat ids");
    }

    @Test
    void readsWordListsAsJsonOrCommaSeparated() throws InvalidValueException {
        assertThat(Values.stringList("casino, crypto ,  ")).containsExactly("casino", "crypto");
        assertThat(Values.stringList("[\"18+\", \"a, b\"]")).containsExactly("18+", "a, b");
    }

    @Test
    void readsActiveWindows() throws InvalidValueException {
        assertThat(Values.windows("5-10,18-24"))
                .isEqualTo(ActiveWindows.of(new HourWindow(5, 10), new HourWindow(18, 24)));
        assertThat(Values.windows(" 0 - 24 ")).isEqualTo(ActiveWindows.of(new HourWindow(0, 24)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10-5", "5-5", "5-25", "-1-4", "5", "5-10,", "morning", "5-10;18-24"})
    void rejectsWindowsOutsideHoursOrBackwards(String raw) {
        assertThatThrownBy(() -> Values.windows(raw)).hasMessageContaining("hours 0-24, start < end");
    }

    @Test
    void checksWholeNumbersAgainstTheirRange() throws InvalidValueException {
        assertThat(Values.integer(1, 10).parse(" 7 ")).isEqualTo(7);
        assertThatThrownBy(() -> Values.integer(1, 10).parse("0")).hasMessage("a whole number from 1 to 10");
        assertThatThrownBy(() -> Values.integer(1, Integer.MAX_VALUE).parse("1.5")).hasMessage("a whole number ≥ 1");
        assertThatThrownBy(() -> Values.integer(0, Integer.MAX_VALUE).parse("99999999999")).hasMessage("a whole number ≥ 0");
    }

    @Test
    void readsSecondsAndMinutesAsDurations() throws InvalidValueException {
        assertThat(Values.seconds(0).parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Values.minutes(1).parse("1440")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void checksDecimalsAgainstTheirRange() throws InvalidValueException {
        assertThat(Values.decimal(0, 2).parse("0.4")).isEqualTo(0.4);
        assertThat(Values.decimal(-2, 2).parse("-2")).isEqualTo(-2.0);
        assertThatThrownBy(() -> Values.decimal(0, 1).parse("1.1")).hasMessage("a number from 0 to 1");
        assertThatThrownBy(() -> Values.decimal(0, 1).parse("NaN")).hasMessage("a number from 0 to 1");
        assertThatThrownBy(() -> Values.decimal(0, 2).parse("warm")).hasMessage("a number from 0 to 2");
    }

    @Test
    void readsTimeZones() throws InvalidValueException {
        assertThat(Values.zone("Europe/Moscow")).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(Values.zone("+03:00")).isEqualTo(ZoneId.of("+03:00"));
        assertThatThrownBy(() -> Values.zone("Mars/Olympus")).hasMessageContaining("time zone");
    }

    @Test
    void acceptsHttpUrlsWithAHost() throws InvalidValueException {
        assertThat(Values.httpUrl("http://ollama:11434/v1")).isEqualTo(URI.create("http://ollama:11434/v1"));
        assertThat(Values.httpUrl("https://api.example.com/v1")).hasHost("api.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama:11434/v1", "ftp://host/v1", "http:///v1", "[http://ollama:11434/v1](http://ollama:11434/v1)",
            "http://user:pass@host/v1", "http://host/v1?api_key=k", "http://host/v1#k", "http://u:12/k@host/v1"})
    void rejectsOtherUrls(String raw) {
        assertThatThrownBy(() -> Values.httpUrl(raw)).hasMessageContaining("http:// or https:// URL with a host");
    }

    @Test
    void acceptsRedisUrls() throws InvalidValueException {
        assertThat(Values.redisUrl("redis://redis:6379/0")).hasHost("redis");
        assertThat(Values.redisUrl("rediss://:pw@cache.example.com:6380/1")).hasPort(6380);
        assertThatThrownBy(() -> Values.redisUrl("http://redis:6379")).hasMessageContaining("redis://");
    }

    /** Jedis refuses a URL without a port with an error that quotes it, password included. */
    @Test
    void aRedisUrlWithoutAPortGetsTheDefaultOne() throws InvalidValueException {
        assertThat(Values.redisUrl("redis://:p%40ss@redis/2")).isEqualTo(URI.create("redis://:p%40ss@redis:6379/2"));
        assertThat(Values.redisUrl("rediss://[::1]")).isEqualTo(URI.create("rediss://[::1]:6379"));
    }

    /** Each would make Jedis fail at the start instead of the settings saying what is wrong. */
    @ParameterizedTest
    @ValueSource(strings = {"redis://secret@redis:6379/0", "redis://:pw@redis:6379/cache", "redis://u:12/secret@redis:6379",
            "redis://:pa ss@redis:6379"})
    void rejectsRedisUrlsJedisCannotUse(String raw) {
        assertThatThrownBy(() -> Values.redisUrl(raw)).hasMessageContaining("redis:// or rediss:// URL");
    }

    @Test
    void anApiKeyIsPrintableAsciiBecauseItGoesInAHeader() throws InvalidValueException {
        assertThat(Values.headerSecret(" sk-proj_AZ09.~ ").reveal()).isEqualTo("sk-proj_AZ09.~");
        assertThatThrownBy(() -> Values.headerSecret("sk-ключ")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> Values.headerSecret("sk a")).hasMessageContaining("printable ASCII");
    }

    @Test
    void portsAreOneTo65535() throws InvalidValueException {
        assertThat(Values.port("8000")).isEqualTo(8000);
        assertThatThrownBy(() -> Values.port("0")).hasMessage("a whole number from 1 to 65535");
        assertThatThrownBy(() -> Values.port("65536")).hasMessage("a whole number from 1 to 65535");
    }

    @Test
    void logFormatIsTextOrJson() throws InvalidValueException {
        assertThat(Values.logFormat("JSON")).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> Values.logFormat("xml")).hasMessage("text or json");
    }

    @Test
    void accountNamesAreSafeDirectoryNames() throws InvalidValueException {
        assertThat(Values.accountName("bot_3-eu")).isEqualTo("bot_3-eu");
        for (String bad : List.of("../x", "a b", "x".repeat(65), "бот")) {
            assertThatThrownBy(() -> Values.accountName(bad)).hasMessage("1-64 letters, digits, _ or -");
        }
    }

    @Test
    void promptFilesMustBeReadableFiles(@TempDir Path dir) throws Exception {
        Path prompt = Files.writeString(dir.resolve("system.txt"), "You are polite.");
        assertThat(Values.readableFile(prompt.toString())).isEqualTo(prompt);
        assertThatThrownBy(() -> Values.readableFile(dir.resolve("nope.txt").toString())).hasMessageContaining("a readable file");
        assertThatThrownBy(() -> Values.readableFile(dir.toString())).hasMessageContaining("a readable file");
    }
}
