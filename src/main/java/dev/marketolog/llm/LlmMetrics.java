package dev.marketolog.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;

/**
 * The LLM meters: {@code llm_requests_total{outcome}}, {@code llm_request_seconds} (histogram),
 * {@code llm_tokens_total{kind}} and {@code llm_drafts_rejected_total{reason}}.
 */
public final class LlmMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter promptTokens;
    private final Counter completionTokens;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("llm.request")
                .description("Time of one HTTP request to the LLM server, retries counted separately")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        this.promptTokens = tokens("prompt");
        this.completionTokens = tokens("completion");
    }

    private Counter tokens(String kind) {
        return Counter.builder("llm.tokens").description("Tokens the LLM server reported in usage").tag("kind", kind).register(registry);
    }

    /** One HTTP request ended with {@code outcome} ("ok" or a {@link FailureKind#code()}) after {@code took}. */
    void request(String outcome, Duration took) {
        Counter.builder("llm.requests").description("HTTP requests to the LLM server by outcome").tag("outcome", outcome).register(registry).increment();
        latency.record(took);
    }

    void usage(Usage usage) {
        promptTokens.increment(usage.promptTokens());
        completionTokens.increment(usage.completionTokens());
    }

    /** A draft was rejected by polish for these reasons. */
    void rejected(Collection<PolishCode> reasons) {
        for (PolishCode reason : reasons) {
            Counter.builder("llm.drafts.rejected").description("Drafts rejected by polish, by reason").tag("reason", reason.code()).register(registry).increment();
        }
    }
}
