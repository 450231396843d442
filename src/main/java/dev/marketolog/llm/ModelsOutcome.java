package dev.marketolog.llm;

import java.util.List;

/** The answer of {@code GET /models}, the cheap reachability check {@code doctor} uses. */
public sealed interface ModelsOutcome permits ModelsOutcome.Listed, LlmFailure {

    /** The ids of the models the server offers. */
    record Listed(List<String> ids) implements ModelsOutcome {
        public Listed {
            ids = List.copyOf(ids);
        }
    }
}
