package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The raw answers of {@code polish-corpus.json}, each with the verdict polish must give, in soft and strict mode. */
class PolishCorpusTest {
    private static final List<JsonNode> CORPUS = load();

    private static List<JsonNode> load() {
        try (InputStream in = PolishCorpusTest.class.getResourceAsStream("/polish-corpus.json")) {
            List<JsonNode> entries = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("polish-corpus.json is unreadable", e);
        }
    }

    private static CommentPolish polishFor(JsonNode entry) {
        PolishRules rules = new PolishRules(entry.path("min_len").asInt(30), entry.path("max_len").asInt(220), entry.path("max_emojis").asInt(1),
                entry.path("mode").asText().equals("strict"));
        List<String> references = new ArrayList<>();
        references.add(entry.path("post").asText());
        entry.path("recent").forEach(comment -> references.add(comment.asText()));
        return new CommentPolish(rules, references);
    }

    private static List<String> codes(List<PolishCode> codes) {
        return codes.stream().map(PolishCode::code).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerGetsItsDocumentedVerdict() {
        return CORPUS.stream().map(entry -> DynamicTest.dynamicTest(entry.path("name").asText() + " [" + entry.path("mode").asText() + "]", () -> {
            PolishResult result = polishFor(entry).polish(entry.path("input").asText());

            assertThat(codes(result.fixes())).as("fixes").isEqualTo(strings(entry.path("fixes")));
            if (entry.path("ok").asBoolean()) {
                assertThat(result).isInstanceOfSatisfying(PolishResult.Accepted.class,
                        accepted -> assertThat(accepted.text()).isEqualTo(entry.path("text").asText()));
            } else {
                assertThat(result).isInstanceOfSatisfying(PolishResult.Rejected.class,
                        rejected -> assertThat(codes(rejected.reasons())).as("reasons").isEqualTo(strings(entry.path("reasons"))));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> acceptedTextPolishedAgainStaysTheSame() {
        return CORPUS.stream().filter(entry -> entry.path("ok").asBoolean()).map(entry -> DynamicTest.dynamicTest(entry.path("name").asText(), () -> {
            String text = entry.path("text").asText();

            assertThat(polishFor(entry).polish(text)).isEqualTo(new PolishResult.Accepted(text, List.of()));
        }));
    }

    @Test
    void corpusIsLargeAndCoversEveryCodeInBothModes() {
        Set<PolishCode> softFixes = EnumSet.noneOf(PolishCode.class);
        Set<PolishCode> rejections = EnumSet.noneOf(PolishCode.class);
        Set<PolishCode> strictReasons = EnumSet.noneOf(PolishCode.class);
        for (JsonNode entry : CORPUS) {
            boolean strict = entry.path("mode").asText().equals("strict");
            strings(entry.path("fixes")).forEach(code -> softFixes.add(code(code)));
            strings(entry.path("reasons")).forEach(code -> (strict ? strictReasons : rejections).add(code(code)));
        }

        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
        for (PolishCode code : PolishCode.values()) {
            if (code.fixable()) {
                assertThat(softFixes).as("soft fixes").contains(code);
                assertThat(strictReasons).as("strict reasons").contains(code);
            } else {
                assertThat(rejections).as("rejections").contains(code);
            }
        }
    }

    private static PolishCode code(String code) {
        return Stream.of(PolishCode.values()).filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }
}
