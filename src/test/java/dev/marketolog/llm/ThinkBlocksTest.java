package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThinkBlocksTest {
    private static final int MEGABYTE = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            <think>план</think>Ответ                                | " Ответ"
            <Thinking>a</THINKING>Ответ<reasoning>b</reasoning>!    | " Ответ !"
            <think>a<think>b</think>c</think>Ответ                  | Ответ
            Ответ<think>обрыв                                       | Ответ
            мысли без начала</reasoning>Ответ                       | Ответ
            <think>a</thinking>Ответ                                | Ответ
            <think>a <reasoning>b</reasoning> c                     | ""
            <THİNK>a</thınk>Ответ                                   | " Ответ"
            <think Ответ</think                                     | <think Ответ</think
            """)
    void removesBlocksOrphansAndUnclosedOnesAsTheReadmeSays(String raw, String expected) {
        assertThat(ThinkBlocks.remove(raw)).isEqualTo(expected);
    }

    /** Shapes that made the backtracking pattern quadratic or worse; linear code takes milliseconds on each. */
    @ParameterizedTest
    @ValueSource(strings = {"<think>", "<THINK><thinking><reasoning>", "<think>a</thinking>", "</think>", "<", "<think", "</",
            "<reasoning>x</reasoning", "<think><think></think>"})
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aMegabyteOfAdversarialTagsIsScannedAtOnce(String unit) {
        String answer = unit.repeat(MEGABYTE / unit.length());

        String without = ThinkBlocks.remove(answer);

        assertThat(without.length()).isLessThanOrEqualTo(answer.length());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void polishRejectsAMegabyteOfOpeningTagsAtOnce() {
        PolishResult result = new CommentPolish(new PolishRules(30, 220, 1, false), List.of()).polish("<think>".repeat(MEGABYTE / 7));

        assertThat(result).isEqualTo(new PolishResult.Rejected(List.of(PolishCode.EMPTY), List.of(PolishCode.THINK_BLOCK)));
    }
}
