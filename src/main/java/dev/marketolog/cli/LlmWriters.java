package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.llm.LlmClient;
import dev.marketolog.llm.LlmCommentWriter;
import dev.marketolog.llm.LlmMetrics;
import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/** The LLM comment writers as serve and {@code simulate --llm} build them: one client shared by every account. */
final class LlmWriters {

    private LlmWriters() {}

    /** Each account's writer, calling at most LLM_MAX_CONCURRENCY requests at once, with its metrics in {@code registry}. */
    static Function<AccountSettings, CommentWriter> of(ProcessSettings config, Cache cache, MeterRegistry registry) {
        LlmMetrics metrics = new LlmMetrics(registry);
        LlmClient client = new LlmClient(config.llmMaxConcurrency(), metrics);
        return account -> LlmCommentWriter.forAccount(account, client, cache, metrics);
    }
}
