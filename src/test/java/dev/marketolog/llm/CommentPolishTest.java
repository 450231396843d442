package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void nullAnswerIsEmpty() {
        assertThat(polish(null)).isEqualTo(new PolishResult.Rejected(List.of(PolishCode.EMPTY), List.of()));
    }
}
