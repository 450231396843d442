package dev.marketolog.bench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.cli.SimulateCommand;
import dev.marketolog.llm.OpenAiTestServer;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import picocli.CommandLine;

/**
 * LLM calls per comment sent in a {@code simulate --llm} run against a local OpenAI-compatible server (goal: at most
 * 1.15). The server answers like a small local model: mostly a fitting Russian comment, sometimes SKIP, sometimes
 * garbage the polish rejects (English, an AI disclaimer, a bare "Ок", nothing).
 * {@code bench/run LlmCallRatioBench [ACCOUNTS] [CHANNELS] [DAYS] [SKIP_RATE] [GARBAGE_RATE]}.
 */
public final class LlmCallRatioBench {

    /**
     * A comment is one pick from each list, five parts of similar length: two comments share one part or two by
     * chance (well under the polish's 70% near-copy bar), like a model that keeps its style but not its sentences.
     */
    private static final List<List<String>> PARTS = List.of(
            List.of("Любопытно, что", "Удивительно, что", "Заметно, что", "Радует, что", "Странно, что", "Показательно, что",
                    "Приятно видеть, что", "Не думал, что", "Интересно, что", "Важно, что", "Похоже, что", "Видно, что"),
            List.of("цифры по регионам", "такие подходы", "новые правила", "простые привычки", "небольшие команды",
                    "расходы на старте", "крупные компании", "читатели канала", "подобные истории", "эксперты рынка",
                    "сроки внедрения", "личные примеры"),
            List.of("так быстро меняются,", "работают без бюджета,", "оказались важнее рекламы,", "влияют на всё остальное,",
                    "совпадают с нашим опытом,", "вызывают столько споров,", "остаются недооценёнными,", "дают такой эффект,",
                    "требуют терпения,", "почти не обсуждаются,", "растут второй год подряд,", "выглядят убедительно,"),
            List.of("но хотелось бы", "и теперь хочется", "так что стоит", "поэтому интересно", "хотя не мешало бы",
                    "и было бы полезно", "а значит пора", "и всё же хочется", "так что можно", "и правда стоит",
                    "но неплохо бы", "поэтому хочется"),
            List.of("увидеть сравнение с прошлым годом.", "разобрать пару реальных кейсов.", "услышать мнение практиков.",
                    "посчитать всё на своём примере.", "узнать подробности про второй пункт.", "проверить это в нашем городе.",
                    "вернуться к теме через полгода.", "почитать продолжение.", "обсудить это с коллегами.",
                    "поделиться своим опытом.", "попробовать самому на этой неделе.", "сравнить с другими странами."));

    private static final List<String> GARBAGE = List.of(
            "Great post, I totally agree with every point here!",
            "Как языковая модель, я не могу иметь собственного мнения по этому вопросу.",
            "Ок",
            "");

    public static void main(String[] args) throws IOException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double skipRate = args.length > 3 ? Double.parseDouble(args[3]) : 0.04;
        double garbageRate = args.length > 4 ? Double.parseDouble(args[4]) : 0.04;
        RandomGenerator random = new SplittableRandom(1);
        try (OpenAiTestServer server = OpenAiTestServer.start()) {
            server.respondWith(request -> {
                double draw = random.nextDouble();
                if (draw < skipRate) {
                    return Reply.answer("SKIP");
                }
                if (draw < skipRate + garbageRate) {
                    return Reply.answer(GARBAGE.get(random.nextInt(GARBAGE.size())));
                }
                return Reply.answer(String.join(" ", PARTS.stream().map(part -> part.get(random.nextInt(part.size()))).toList()));
            });
            JsonNode summary = simulate(server, accounts, channels, days).get("summary");
            long calls = summary.get("llm_calls").asLong();
            long comments = summary.get("comments").asLong();
            System.out.printf("simulate --llm: %d accounts x %d channels x %d days, SKIP %.0f%%, garbage %.0f%%%n",
                    accounts, channels, days, skipRate * 100, garbageRate * 100);
            System.out.printf("%d LLM calls (server saw %d), %d comments: %.3f calls per comment%n",
                    calls, server.chatRequestCount(), comments, (double) calls / comments);
            System.out.printf("skipped %s; send failures %s%n", summary.get("skipped_by_reason"), summary.get("send_failures_by_type"));
        }
    }

    private static JsonNode simulate(OpenAiTestServer server, int accounts, int channels, int days) throws IOException {
        Path dir = Files.createTempDirectory("llm-ratio-bench");
        List<String> command = new ArrayList<>(List.of("--days", String.valueOf(days), "--start", "2026-12-01T00:00:00+03:00",
                "--llm", "--json"));
        String allowlist = LongStream.rangeClosed(1, channels).mapToObj(i -> String.valueOf(-1002000000000L - i)).toList().toString();
        for (int i = 1; i <= accounts; i++) {
            Path env = Files.writeString(dir.resolve(".env.bot" + i), "ALLOWLIST_CHAT_IDS=" + allowlist
                    + "\nTIMEZONE=Europe/Moscow\nOPENAI_BASE_URL=" + server.baseUrl() + "\n");
            command.addAll(List.of("--env-file", env.toString()));
        }
        StringWriter json = new StringWriter();
        CommandLine simulate = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
        simulate.setOut(new PrintWriter(json));
        int exitCode = simulate.execute(command.toArray(String[]::new));
        if (exitCode != 0) {
            throw new IllegalStateException("simulate exited with " + exitCode);
        }
        return new ObjectMapper().readTree(json.toString());
    }
}
