package dev.marketolog.llm;

/**
 * The machine-readable codes of {@link CommentPolish}. A <em>fix</em> is something soft mode repairs (listed in
 * {@code fixes}); strict mode rejects with the same code instead (listed in {@code reasons}). A <em>rejection</em>
 * always rejects.
 */
public enum PolishCode {
    THINK_BLOCK("think_block", true),
    MARKDOWN("markdown", true),
    PREAMBLE("preamble", true),
    QUOTES("quotes", true),
    LEADING_DASH("leading_dash", true),
    LINE_BREAKS("line_breaks", true),
    SPACES("spaces", true),
    LINK("link", true),
    MENTION("mention", true),
    HASHTAG("hashtag", true),
    FOREIGN_SCRIPT("foreign_script", true),
    TOO_MANY_EMOJIS("too_many_emojis", true),
    TOO_LONG("too_long", true),

    EMPTY("empty", false),
    TOO_SHORT("too_short", false),
    NOT_RUSSIAN("not_russian", false),
    AI_DISCLAIMER("ai_disclaimer", false),
    REFUSAL("refusal", false),
    SKIP("skip", false),
    VARIANTS("variants", false),
    SOLICITATION("solicitation", false),
    NEAR_COPY("near_copy", false);

    private final String code;
    private final boolean fixable;

    PolishCode(String code, boolean fixable) {
        this.code = code;
        this.fixable = fixable;
    }

    /** The snake_case code of the README table, {@code --json} and the metrics. */
    public String code() {
        return code;
    }

    /** Whether soft mode repairs it rather than rejecting. */
    public boolean fixable() {
        return fixable;
    }
}
