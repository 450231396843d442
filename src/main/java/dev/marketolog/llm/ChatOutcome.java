package dev.marketolog.llm;

import java.util.Optional;

/** The end of one chat completion call: an answer, or an {@link LlmFailure}. */
public sealed interface ChatOutcome permits ChatOutcome.Completed, LlmFailure {

    /**
     * The model answered.
     *
     * @param text the raw content of the first choice, to be polished
     * @param usage token counts when the server reported them
     * @param finishReason {@code stop}, {@code length} (cut by max_tokens), or whatever the server said; empty string when absent
     */
    record Completed(String text, Optional<Usage> usage, String finishReason) implements ChatOutcome {
        /** The answer was cut by max_tokens: polish will cut it back to a sentence or reject it. */
        public boolean truncated() {
            return "length".equals(finishReason);
        }
    }
}
