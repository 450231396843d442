package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The scanner gives what the three patterns it replaced gave (kept here as the reference, on inputs small enough for
 * their backtracking), over nested, unclosed, orphaned and mixed tags in any case.
 */
class ThinkBlocksProperties {
    private static final int ANY_CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern CLOSED = Pattern.compile("<(think|thinking|reasoning)>.*?</\\1>", ANY_CASE | Pattern.DOTALL);
    private static final Pattern ORPHAN_CLOSE = Pattern.compile("^.*?</(?:think|thinking|reasoning)>", ANY_CASE | Pattern.DOTALL);
    private static final Pattern UNCLOSED = Pattern.compile("<(?:think|thinking|reasoning)>.*", ANY_CASE | Pattern.DOTALL);

    private static String reference(String text) {
        String without = CLOSED.matcher(text).replaceAll(" ");
        without = ORPHAN_CLOSE.matcher(without).replaceFirst("");
        return UNCLOSED.matcher(without).replaceFirst("");
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> tag = Arbitraries.of("think", "thinking", "reasoning", "THINK", "Thinking", "ReAsOnInG", "thınk", "THİNK",
                        "think ", "thinkin", "reason")
                .flatMap(name -> Arbitraries.of("<" + name + ">", "</" + name + ">", "<" + name, "</" + name, name + ">"));
        Arbitrary<String> text = Arbitraries.of("Ответ", " ", "\n", "a", "<", ">", "</", "/", "<>", "ı", "K", "😀");
        return Arbitraries.frequencyOf(Tuple.of(3, tag), Tuple.of(2, text))
                .list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 5000)
    void removesExactlyWhatThePatternsRemoved(@ForAll("answers") String answer) {
        assertThat(ThinkBlocks.remove(answer)).isEqualTo(reference(answer));
    }

    @Property(tries = 500)
    void leavesNoOpeningTagBehind(@ForAll("answers") String answer) {
        assertThat(UNCLOSED.matcher(ThinkBlocks.remove(answer)).find()).isFalse();
    }
}
