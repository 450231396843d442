package dev.marketolog.llm;

import dev.marketolog.config.LlmSettings;

/**
 * The limits {@link CommentPolish} applies, from LLM_MIN_LEN, LLM_MAX_LEN, LLM_MAX_EMOJIS and LLM_STRICT_VALIDATE.
 * Lengths are in Unicode code points.
 */
public record PolishRules(int minLen, int maxLen, int maxEmojis, boolean strict) {
    public PolishRules {
        if (maxLen < 1) {
            throw new IllegalArgumentException("LLM_MAX_LEN must be at least 1, got " + maxLen);
        }
        if (minLen < 0 || minLen > maxLen) {
            throw new IllegalArgumentException("LLM_MIN_LEN must be between 0 and LLM_MAX_LEN (" + maxLen + "), got " + minLen);
        }
        if (maxEmojis < 0) {
            throw new IllegalArgumentException("LLM_MAX_EMOJIS must not be negative, got " + maxEmojis);
        }
    }

    public static PolishRules of(LlmSettings settings) {
        return new PolishRules(settings.minLen(), settings.maxLen(), settings.maxEmojis(), settings.strictValidate());
    }
}
