package dev.marketolog.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text with {@code {{placeholder}}} slots, checked when parsed: every placeholder must be one of
 * {@link #PLACEHOLDERS}. Rendering is a single pass, so a post that contains {@code {{…}}} stays as it is.
 */
public final class PromptTemplate {
    /** The placeholders a template may use, in the system or the user template alike. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "persona", "min_len", "max_len", "max_emojis", "channel_title", "post_text", "comments_under", "own_recent");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    private final List<String> literals;
    private final List<String> names;

    private PromptTemplate(List<String> literals, List<String> names) {
        this.literals = List.copyOf(literals);
        this.names = List.copyOf(names);
    }

    /**
     * Parses a template.
     *
     * @param origin where it came from, for the error message (for example "PROMPT_USER_FILE /etc/prompt.txt")
     * @throws PromptTemplateException naming {@code origin} and the placeholder when one is unknown
     */
    public static PromptTemplate parse(String origin, String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int from = 0;
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            if (!PLACEHOLDERS.contains(name)) {
                throw new PromptTemplateException(origin + ": unknown placeholder {{" + matcher.group(1) + "}}; known placeholders: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
            }
            literals.add(text.substring(from, matcher.start()));
            names.add(name);
            from = matcher.end();
        }
        literals.add(text.substring(from));
        return new PromptTemplate(literals, names);
    }

    /** The text with every placeholder replaced by its value. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            out.append(literals.get(i)).append(values.getOrDefault(names.get(i), ""));
        }
        return out.append(literals.getLast()).toString().strip();
    }
}
