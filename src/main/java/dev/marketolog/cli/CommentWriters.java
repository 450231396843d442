package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/** Who writes {@code serve}'s comments: the LLM ({@link LlmWriters}), or in {@code demo} without one the placeholder. */
@FunctionalInterface
interface CommentWriters {

    CommentWriters LLM = LlmWriters::of;

    /** Each account's writer, built once the cache and the metrics have started. */
    Function<AccountSettings, CommentWriter> open(ProcessSettings config, Cache cache, MeterRegistry registry);
}
