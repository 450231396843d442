package dev.marketolog.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.llm.CommentPolish;
import dev.marketolog.llm.PolishResult;
import dev.marketolog.llm.PolishRules;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Polish throughput on one thread (goal: at least 50,000 answers/s on one core) over the 80 answers of
 * {@code polish-corpus.json}, each with its post and recent comments. Two numbers: polishing with the per-post
 * {@link CommentPolish} already built (the writer builds it once and polishes up to LLM_MAX_ATTEMPTS drafts), and
 * building it for every answer (the {@code polish} command's case).
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.marketolog.bench.llm.PolishThroughput [SECONDS]}
 */
public final class PolishThroughput {
    private record Case(PolishRules rules, List<String> references, String raw) {
        CommentPolish polish() {
            return new CommentPolish(rules, references);
        }
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<Case> cases = corpus();
        List<CommentPolish> built = cases.stream().map(Case::polish).toList();
        System.out.printf("polish: %d corpus answers, %.0f s per measurement, one thread%n", cases.size(), seconds);

        measure("warm-up", seconds, cases, i -> built.get(i).polish(cases.get(i).raw()));
        measure("prepared CommentPolish", seconds, cases, i -> built.get(i).polish(cases.get(i).raw()));
        measure("CommentPolish built per answer", seconds, cases, i -> cases.get(i).polish().polish(cases.get(i).raw()));
    }

    private interface Work {
        PolishResult run(int caseIndex);
    }

    private static void measure(String label, double seconds, List<Case> cases, Work work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long answers = 0;
        long accepted = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < cases.size(); i++) {
                if (work.run(i) instanceof PolishResult.Accepted) {
                    accepted++;
                }
            }
            answers += cases.size();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        System.out.printf("%-32s %,10.0f answers/s of wall time, %,10.0f answers/s of this thread's CPU time (%d%% accepted)%n",
                label + ":", answers / wall, answers / cpu, 100 * accepted / answers);
    }

    private static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PolishThroughput.class.getResourceAsStream("/polish-corpus.json")) {
            if (in == null) {
                throw new IllegalStateException("polish-corpus.json is not on the classpath: add target/test-classes");
            }
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                PolishRules rules = new PolishRules(entry.path("min_len").asInt(30), entry.path("max_len").asInt(220),
                        entry.path("max_emojis").asInt(1), entry.path("mode").asText().equals("strict"));
                List<String> references = new ArrayList<>();
                references.add(entry.path("post").asText());
                entry.path("recent").forEach(comment -> references.add(comment.asText()));
                cases.add(new Case(rules, references, entry.path("input").asText()));
            }
        }
        return cases;
    }
}
