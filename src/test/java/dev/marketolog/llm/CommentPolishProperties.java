package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Whatever the model says, polish never lets through more than the limits allow, and its output is a fixed point. */
class CommentPolishProperties {
    /** A mention or hashtag as Telegram links it: at the start of a word. */
    private static final Pattern TELEGRAM_ENTITY = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:@durov|#ставка)");
    /** Endings of every kind (a dot before a capitalised Cyrillic word, "г.Москва", ends an abbreviation instead): generic, country, two-level, new, Cyrillic, punycode, private (github.io). */
    private static final List<String> ENDINGS = List.of("ru", "com", "de", "ai", "io", "co.uk", "com.br", "рф", "xn--p1ai", "онлайн", "москва",
            "store", "app", "github.io", "рус", "kz", "info");
    private static final List<String> LABELS = List.of("example", "пример", "banki", "my-shop24", "xn--e1afmkfd", "openai", "вклады");
    private static final Pattern ANY_LINK = Pattern.compile("https?://|www\\.|t\\.me/|[\\p{L}\\p{N}-]\\.(?!(?-i:[\\p{IsCyrillic}&&\\p{Lu}]\\p{Ll}))(?:"
            + String.join("|", ENDINGS.stream().map(Pattern::quote).toList()) + ")(?![\\p{L}\\p{N}-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Dots in ordinary Russian text: abbreviations, decimals, a sentence end without its space. */
    private static final List<String> ORDINARY_DOTS = List.of("т.е. ", "и т.д. ", "т.к. ", "т.п. ", "3.5 ", "2.0 ", "конец.Начало ", "г.Москва ",
            "см. ", "млн. ", "руб. ", "e.g. ");

    @Provide
    Arbitrary<String> domains() {
        return Combinators.combine(Arbitraries.of(LABELS), Arbitraries.of(ENDINGS), Arbitraries.of(true, false), Arbitraries.of("", "/news/21"))
                .as((label, ending, upper, path) -> {
                    String domain = label + "." + ending + path;
                    return (upper ? domain.toUpperCase(java.util.Locale.ROOT) : domain) + " ";
                });
    }

    /** Pieces models really produce: Russian words, wrappers, emojis, links, line breaks, other scripts. */
    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of("ставка", "ипотека", "новость", "отлично", "жаль", "посмотрим", "Цены", "растут", "ну", "и", "это", "круто",
                        "iPhone", "Telegram", "21%", "120 000 ₽", "т.е.", "ё-моё").map(word -> word + " ")),
                Tuple.of(4, Arbitraries.of(". ", "! ", "? ", "… ", ", ", " — ", ": ", "\n", "\n\n", "  ", "\t", "\u00a0")),
                Tuple.of(2, Arbitraries.of("«", "»", "\"", "“", "”", "'", "**", "__", "`", "*", "- ", "— ", "1. ", "2) ", "Вариант 1: ", "Комментарий: ",
                        "Конечно! Вот комментарий:\n", "<think>", "</think>", "SKIP", "#ставка ", "@durov ", "https://t.me/x ", "banki.ru ", "www.ya.ru ")),
                Tuple.of(2, domains()),
                Tuple.of(1, Arbitraries.of(ORDINARY_DOTS)),
                Tuple.of(1, Arbitraries.of("😀", "👨‍👩‍👧‍👦", "🇷🇺", "1️⃣", "👍🏽", "❤️", "🔥", "这是", "і", "ў", "as an AI ", "я не могу написать ")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(3)));
        return piece.list().ofMaxSize(60).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<PolishRules> rules() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(1, 300),
                        Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((min, max, emojis, strict) -> new PolishRules(Math.min(min, max), max, emojis, strict));
    }

    @Property(tries = 2000)
    void acceptedTextNeverBreaksTheLimits(@ForAll("answers") String raw, @ForAll("rules") PolishRules rules) {
        PolishResult result = new CommentPolish(rules, List.of()).polish(raw);
        Statistics.label("verdict").collect(result.getClass().getSimpleName());
        Statistics.label("verdict").coverage(coverage -> coverage.check("Accepted").percentage(percent -> percent > 10));
        if (result instanceof PolishResult.Accepted accepted) {
            String text = accepted.text();
            assertThat(text.codePointCount(0, text.length())).isBetween(rules.minLen(), rules.maxLen());
            assertThat(Emojis.count(text)).isLessThanOrEqualTo(rules.maxEmojis());
            assertThat(ANY_LINK.matcher(text).find()).as("link in %s", text).isFalse();
            assertThat(TELEGRAM_ENTITY.matcher(text).find()).as("mention or hashtag in %s", text).isFalse();
            assertThat(text).doesNotContain("\n", "<think>", "**");
        }
    }

    @Property(tries = 2000)
    void polishingTheOutputAgainChangesNothing(@ForAll("answers") String raw, @ForAll("rules") PolishRules rules) {
        CommentPolish polish = new CommentPolish(rules, List.of("Цены растут, ставка тоже."));
        PolishResult result = polish.polish(raw);
        Statistics.label("verdict").collect(result.getClass().getSimpleName());
        Statistics.label("verdict").coverage(coverage -> coverage.check("Accepted").percentage(percent -> percent > 10));
        if (result instanceof PolishResult.Accepted accepted) {
            assertThat(polish.polish(accepted.text())).isEqualTo(new PolishResult.Accepted(accepted.text(), List.of()));
        }
    }

    @Property(tries = 500)
    void strictModeAcceptsOnlyWhatNeedsNoFix(@ForAll("answers") String raw, @ForAll("rules") PolishRules rules) {
        PolishRules strict = new PolishRules(rules.minLen(), rules.maxLen(), rules.maxEmojis(), true);
        if (new CommentPolish(strict, List.of()).polish(raw) instanceof PolishResult.Accepted accepted) {
            assertThat(accepted.text()).isEqualTo(raw.strip());
            assertThat(accepted.fixes()).isEmpty();
        }
    }

    @Property(tries = 1000)
    void neverThrowsWhateverTheInput(@ForAll String raw, @ForAll("rules") PolishRules rules) {
        assertThat(new CommentPolish(rules, List.of(raw)).polish(raw)).isNotNull();
    }

    @Property(tries = 500)
    void ordinaryDotsAreNeverTakenForLinks(@ForAll("ordinaryText") String raw) {
        PolishResult result = new CommentPolish(new PolishRules(0, 4096, 3, false), List.of()).polish(raw);

        assertThat(result.fixes()).doesNotContain(PolishCode.LINK);
    }

    @Provide
    Arbitrary<String> ordinaryText() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("ставка ", "ипотека ", "растут ", "цены ", "и ", "это ", "Банк ", "вклады ", ", ", ". ")),
                Tuple.of(2, Arbitraries.of(ORDINARY_DOTS)));
        return piece.list().ofMinSize(1).ofMaxSize(20).map(pieces -> String.join("", pieces));
    }
}
