package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever an operator may validly write, in any of the seed format's spellings, reads back as what was meant. */
class EnvFileProperties {

    /** How one value is written: bare, in single quotes or in double quotes; with or without export, spaces, comment. */
    record Spelling(int quoting, boolean export, boolean spacesAroundEquals, boolean comment) {
        String line(String key, String value) {
            String written = switch (quoting) {
                case 0 -> value;
                case 1 -> "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
                default -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\t", "\\t") + "\"";
            };
            return (export ? "export " : "") + key + (spacesAroundEquals ? " = " : "=") + written
                    + (comment ? " # note: it's #1 \"quoted\"" : "");
        }

        /**
         * A bare value cannot keep outer spaces, a leading quote, line breaks or " #", nor be empty before a comment
         * (python-dotenv reads {@code KEY= # c} as "# c"); single quotes cannot keep \r (Python's universal newlines
         * read a raw one as \n); no quotes can end a value in a backslash (python-dotenv's regex takes {@code \\"} at
         * the end for an escaped quote).
         */
        boolean canWrite(String value) {
            return switch (quoting) {
                case 0 -> value.equals(value.strip()) && !(value.isEmpty() && comment) && !value.startsWith("'") && !value.startsWith("\"")
                        && value.chars().noneMatch(c -> c == '\n' || c == '\r') && !value.matches("(?s).*\\s#.*");
                case 1 -> value.indexOf('\r') < 0 && !value.endsWith("\\");
                default -> !value.endsWith("\\");
            };
        }

        /** This spelling, or double quotes when this one cannot hold {@code value}; empty when none can. */
        Optional<Spelling> writable(String value) {
            Spelling doubleQuoted = new Spelling(2, export, spacesAroundEquals, comment);
            return Stream.of(this, doubleQuoted).filter(s -> s.canWrite(value)).findFirst();
        }

    }

    @Provide
    Arbitrary<Spelling> spellings() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Spelling::new);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 #'\"\\=\t\n\r$")
                .withCharRange('а', 'я')
                .withChars("😀é")
                .ofMaxLength(30);
    }

    @Property
    void anyValueWrittenInAnySpellingThatCanHoldItReadsBack(
            @ForAll("values") String value, @ForAll("spellings") Spelling spelling, @ForAll boolean crlf) {
        Optional<Spelling> writable = spelling.writable(value);
        Assume.that(writable.isPresent());
        Spelling used = writable.get();
        String lineBreak = crlf ? "\r\n" : "\n";
        String content = "# header" + lineBreak + used.line("VALUE", value) + lineBreak + "NEXT=1" + lineBreak;

        EnvFile file = EnvFileParser.parse(Path.of(".env"), content);

        assertThat(file.problems()).isEmpty();
        assertThat(file.find("VALUE")).map(EnvEntry::value).hasValue(value);
        assertThat(file.find("NEXT")).map(EnvEntry::value).hasValue("1");
    }

    /** Valid values for a handful of keys of every kind, and what each must load to. */
    record Generated(int perDay, int perHour, int minInterval, List<Long> allowlist, boolean jsonList, int windowStart,
                     int windowEnd, double temperature, boolean dryRun, String dryRunWord, String model) {
        Map<String, String> raw() {
            String ids = allowlist.stream().map(String::valueOf).collect(Collectors.joining(jsonList ? ", " : ","));
            return Map.of(
                    "MESSAGES_PER_DAY", String.valueOf(perDay),
                    "MESSAGES_PER_HOUR", String.valueOf(perHour),
                    "MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS", String.valueOf(minInterval),
                    "ALLOWLIST_CHAT_IDS", jsonList ? "[" + ids + "]" : ids,
                    "ACTIVE_WINDOWS", windowStart + "-" + windowEnd,
                    "LLM_TEMPERATURE", String.valueOf(temperature),
                    "DRY_RUN", dryRunWord,
                    "LLM_MODEL", model);
        }
    }

    @Provide
    Arbitrary<List<Long>> chatIds() {
        return Arbitraries.longs().between(-1_009_999_999_999L, -1_000_000_000_000L).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<int[]> windows() {
        return Arbitraries.integers().between(0, 23)
                .flatMap(start -> Arbitraries.integers().between(start + 1, 24).map(end -> new int[] {start, end}));
    }

    @Provide
    Arbitrary<String> booleanWords() {
        return Arbitraries.of("true", "1", "YES", "on", "t", "Y", "false", "0", "no", "Off", "F", "n");
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.strings().withChars("abc.:-_0123456789").ofMinLength(1).ofMaxLength(20);
    }

    @Property(tries = 200)
    void anyValidEnvFileLoadsToItsValues(
            @ForAll @IntRange(min = 1, max = 100_000) int perDay,
            @ForAll @IntRange(min = 1, max = 1000) int perHour,
            @ForAll @IntRange(min = 0, max = 1_000_000) int minInterval,
            @ForAll("chatIds") List<Long> allowlist,
            @ForAll boolean jsonList,
            @ForAll("windows") int[] window,
            @ForAll @IntRange(min = 0, max = 200) int temperatureHundredths,
            @ForAll("booleanWords") String dryRunWord,
            @ForAll("models") String model,
            @ForAll @Size(8) List<@From("spellings") Spelling> spellings,
            @ForAll @IntRange(min = 0, max = 7) int rotate) throws Exception {
        Generated g = new Generated(perDay, perHour, minInterval, allowlist, jsonList, window[0], window[1],
                temperatureHundredths / 100.0, Values.bool(dryRunWord), dryRunWord, model);
        List<String> lines = new ArrayList<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(g.raw().entrySet());
        Collections.rotate(entries, rotate);
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, String> entry = entries.get(i);
            lines.add(spellings.get(i).writable(entry.getValue()).orElseThrow().line(entry.getKey(), entry.getValue()));
        }
        Path dir = Files.createTempDirectory("env-property");
        Path file = Files.write(dir.resolve(".env"), lines);
        try {
            AccountSettings account = SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst();

            assertThat(account.limits().messagesPerDay()).isEqualTo(g.perDay());
            assertThat(account.limits().messagesPerHour()).isEqualTo(g.perHour());
            assertThat(account.limits().minIntervalBetweenMessages()).isEqualTo(Duration.ofSeconds(g.minInterval()));
            assertThat(account.allowlist()).isEqualTo(g.allowlist());
            assertThat(account.limits().activeWindows()).isEqualTo(ActiveWindows.of(new HourWindow(g.windowStart(), g.windowEnd())));
            assertThat(account.llm().temperature()).isEqualTo(g.temperature());
            assertThat(account.dryRun()).isEqualTo(g.dryRun());
            assertThat(account.llm().model()).isEqualTo(g.model());
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }
}
