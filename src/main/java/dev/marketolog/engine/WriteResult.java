package dev.marketolog.engine;

import java.util.List;

/** The writer's answer for one post. */
public sealed interface WriteResult {

    /** A comment ready to send. */
    record Written(String text, int llmCalls) implements WriteResult {}

    /** The model said SKIP, or every draft was rejected: give the post up. {@code reasons} are snake_case codes. */
    record Declined(List<String> reasons, int llmCalls) implements WriteResult {
        public Declined {
            reasons = List.copyOf(reasons);
        }
    }

    /** The LLM could not be reached or answered garbage after all retries: try this post again later. */
    record Unavailable(String reason, int llmCalls) implements WriteResult {}
}
