package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules the corpus shows only in passing; the corpus ({@link PolishCorpusTest}) holds the realistic answers. */
class CommentPolishTest {
    private static final PolishRules SOFT = new PolishRules(30, 220, 1, false);

    private static PolishResult polish(String raw) {
        return new CommentPolish(SOFT, List.of()).polish(raw);
    }

    @Test
    void quotesAreUnwrappedWhenOnlyAnEmojiFollowsTheClosingOne() {
        assertThat(polish("«Отличная мысль про рост цен на жильё, особенно в регионах» 👍"))
                .isEqualTo(new PolishResult.Accepted("Отличная мысль про рост цен на жильё, особенно в регионах 👍", List.of(PolishCode.QUOTES)));
    }

    @Test
    void quotesInsideTheTextAreNotAWrapping() {
        String text = "«Капитал» Маркса и сегодня звучит остро, если читать его без спешки 👍";

        assertThat(polish(text)).isEqualTo(new PolishResult.Accepted(text, List.of()));
    }

    @Test
    void cutPrefersTheLastSentenceEndWithinTheLimit() {
        assertThat(CommentPolish.cut("Первое предложение тут. Второе предложение подлиннее.", 10, 40)).isEqualTo("Первое предложение тут.");
    }

    @Test
    void cutFallsBackToAWordBoundaryWithAnEllipsisWhenTheSentenceIsTooShort() {
        assertThat(CommentPolish.cut("Да. Это очень длинная мысль без конца и края, которая всё тянется", 20, 30)).isEqualTo("Да. Это очень длинная мысль…");
    }

    @Test
    void cutOfOneEndlessWordStillFits() {
        String cut = CommentPolish.cut("А".repeat(50), 0, 10);

        assertThat(cut).isEqualTo("ААААААААА…");
    }

    @Test
    void lengthsAreCountedInCodePoints() {
        String withAstral = "Отличная новость для всех жителей области 🚆";

        assertThat(polish(withAstral)).isEqualTo(new PolishResult.Accepted(withAstral, List.of()));
        assertThat(new CommentPolish(new PolishRules(30, 43, 1, false), List.of()).polish(withAstral)).isEqualTo(new PolishResult.Accepted(withAstral, List.of()));
    }

    @Test
    void ellipsisIsTheSingleCharacter() {
        PolishResult result = new CommentPolish(new PolishRules(10, 40, 1, false), List.of())
                .polish("Это очень длинная мысль без конца и края, которая всё тянется и тянется");

        assertThat(result).isInstanceOfSatisfying(PolishResult.Accepted.class, accepted -> assertThat(accepted.text()).isEqualTo("Это очень длинная мысль без конца и…"));
    }

    @Test
    void emailIsRemovedAsALink() {
        assertThat(polish("Про вклады хорошо написали в рассылке news@bank.ru на прошлой неделе"))
                .isEqualTo(new PolishResult.Accepted("Про вклады хорошо написали в рассылке на прошлой неделе", List.of(PolishCode.LINK)));
    }

    /** Every kind of ending the public suffix list knows, not only the common ones. */
    @ParameterizedTest
    @ValueSource(strings = {"example.de", "openai.ai", "site.co.uk", "shop.com.br", "пример.рф", "ПРИМЕР.РФ", "xn--e1afmkfd.xn--p1ai",
            "пример.xn--p1ai", "магазин.онлайн", "кафе.москва", "user.github.io", "my-shop24.store", "news.bbc.co.uk", "Banki.Ru"})
    void aBareDomainOfAnyEndingGoesWithItsPreposition(String domain) {
        assertThat(polish("Подробный разбор ставок выложили на " + domain + ", почитайте обязательно"))
                .isEqualTo(new PolishResult.Accepted("Подробный разбор ставок выложили, почитайте обязательно", List.of(PolishCode.LINK)));
    }

    @Test
    void aDomainWithAPathGoesWhole() {
        assertThat(polish("Подробный разбор ставок есть тут site.co.uk/news/21 и он очень толковый"))
                .isEqualTo(new PolishResult.Accepted("Подробный разбор ставок есть тут и он очень толковый", List.of(PolishCode.LINK)));
    }

    /** Dots that are no domain: abbreviations, decimals, a sentence end without its space, a bare suffix. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Ставка выросла, т.е. кредиты подорожают, и т.д. и т.п., увы.",
            "Инфляция 3.5 процента в месяц, т.к. цены растут повсюду.",
            "Ставку подняли снова.Теперь ипотека станет только дороже.",
            "Рынок ждёт решения.Сайт банка уже обновил ставки по вкладам.",
            "Офис банка переехал в г.Москва, ближе к центру, неплохо.",
            "Про английские банки спорят давно, а co.uk тут ни при чём.",
            "Версия 2.0 приложения банка стала заметно удобнее, см. выше."})
    void ordinaryDotsStay(String text) {
        assertThat(polish(text)).isEqualTo(new PolishResult.Accepted(text, List.of()));
    }

    @Test
    void nullAnswerIsEmpty() {
        assertThat(polish(null)).isEqualTo(new PolishResult.Rejected(List.of(PolishCode.EMPTY), List.of()));
    }
}
