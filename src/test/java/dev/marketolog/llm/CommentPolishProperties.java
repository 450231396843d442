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
    private static final Pattern ANY_LINK = Pattern.compile("https?://|www\\.|t\\.me/|\\.ru\\b|\\.com\\b", Pattern.CASE_INSENSITIVE);

    /** Pieces models really produce: Russian words, wrappers, emojis, links, line breaks, other scripts. */
    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of("ставка", "ипотека", "новость", "отлично", "жаль", "посмотрим", "Цены", "растут", "ну", "и", "это", "круто",
                        "iPhone", "Telegram", "21%", "120 000 ₽", "т.е.", "ё-моё").map(word -> word + " ")),
                Tuple.of(4, Arbitraries.of(". ", "! ", "? ", "… ", ", ", " — ", ": ", "\n", "\n\n", "  ", "\t", "\u00a0")),
                Tuple.of(2, Arbitraries.of("«", "»", "\"", "“", "”", "'", "**", "__", "`", "*", "- ", "— ", "1. ", "2) ", "Вариант 1: ", "Комментарий: ",
                        "Конечно! Вот комментарий:\n", "<think>", "</think>", "SKIP", "#ставка ", "@durov ", "https://t.me/x ", "banki.ru ", "www.ya.ru ")),
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
}
