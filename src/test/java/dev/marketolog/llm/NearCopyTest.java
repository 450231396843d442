package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearCopyTest {
    private static final String POST = """
            Центробанк снова повысил ключевую ставку до 21%. Аналитики ждут, что ипотека подорожает уже в декабре, а вклады станут
            выгоднее. Решение совета директоров было принято единогласно, следующее заседание пройдёт в феврале. Эксперты отмечают,
            что инфляционные ожидания населения остаются высокими, а кредитование бизнеса продолжает расти быстрее прогнозов.
            """;

    @Test
    void sentenceLiftedFromALongPostIsACopy() {
        NearCopy nearCopy = new NearCopy(List.of(POST));

        assertThat(nearCopy.matches("Решение совета директоров было принято единогласно, следующее заседание в феврале!")).isTrue();
    }

    @Test
    void ownCommentWithOneWordChangedIsACopy() {
        NearCopy nearCopy = new NearCopy(List.of("", "Отличная новость, давно ждал такого обновления от них."));

        assertThat(nearCopy.matches("Отличная новость, давно ждал этого обновления от них!")).isTrue();
    }

    @Test
    void caseYoAndPunctuationDoNotHideACopy() {
        NearCopy nearCopy = new NearCopy(List.of("Ещё одно повышение — ещё один удар по ипотеке."));

        assertThat(nearCopy.matches("ЕЩЕ ОДНО ПОВЫШЕНИЕ, ЕЩЕ ОДИН УДАР ПО ИПОТЕКЕ!!!")).isTrue();
    }

    @Test
    void ownWordsOnTheSameTopicAreNotACopy() {
        NearCopy nearCopy = new NearCopy(List.of(POST, "Посмотрим, что скажут банки к концу недели."));

        assertThat(nearCopy.matches("Ставку подняли, а я как раз на прошлой неделе успел оформить кредит на машину, повезло.")).isFalse();
        assertThat(nearCopy.matches("Вклады наконец-то начнут приносить что-то кроме слёз, а вот ипотеку возьмут только самые смелые.")).isFalse();
    }

    @Test
    void withoutReferencesNothingIsACopy() {
        assertThat(new NearCopy(List.of()).matches("Любой текст")).isFalse();
    }
}
