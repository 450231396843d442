package dev.marketolog.bench.llm;

import dev.marketolog.llm.CommentPolish;
import dev.marketolog.llm.PolishRules;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Time to polish an adversarial answer of 10 KB to 4 MB (opening {@code <think>} tags with no closing one, the shape
 * that made the old backtracking pattern quadratic), next to that pattern alone up to the size it still finishes in
 * seconds. Linear code doubles its time when the input doubles. {@code bench/run ThinkBlockScaling}
 */
public final class ThinkBlockScaling {
    /** The pattern CommentPolish used before the scanner, kept here only to show what it cost. */
    private static final Pattern OLD_CLOSED = Pattern.compile("<(think|thinking|reasoning)>.*?</\\1>",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    private static final int OLD_PATTERN_MAX_KB = 64;
    private static final int[] SIZES_KB = {10, 20, 40, 64, 128, 256, 512, 1024, 2048, 4096};

    public static void main(String[] args) {
        CommentPolish polish = new CommentPolish(new PolishRules(30, 220, 1, false), List.of());
        String unit = "<think>";
        for (int warmUp = 0; warmUp < 20; warmUp++) {
            polish.polish(unit.repeat(10_000));
        }
        System.out.println("input       polish (scanner, best of 3)   old pattern alone");
        for (int kilobytes : SIZES_KB) {
            String answer = unit.repeat(kilobytes * 1024 / unit.length());
            double polishMs = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long started = System.nanoTime();
                polish.polish(answer);
                polishMs = Math.min(polishMs, (System.nanoTime() - started) / 1e6);
            }
            String old = "-";
            if (kilobytes <= OLD_PATTERN_MAX_KB) {
                long started = System.nanoTime();
                OLD_CLOSED.matcher(answer).replaceAll(" ");
                old = String.format("%.0f ms", (System.nanoTime() - started) / 1e6);
            }
            System.out.printf("%5d KB    %10.1f ms                 %s%n", kilobytes, polishMs, old);
        }
    }
}
