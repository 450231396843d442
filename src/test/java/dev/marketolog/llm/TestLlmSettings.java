package dev.marketolog.llm;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.Secret;
import java.net.URI;
import java.time.Duration;

/** LLM settings for tests: the defaults pointed at a test server, with the few knobs tests turn. */
final class TestLlmSettings {
    static final String API_KEY = "sk-test-5ecret-never-logged";

    private TestLlmSettings() {}

    static LlmSettings at(URI baseUrl) {
        return at(baseUrl, Duration.ofSeconds(10), 3);
    }

    static LlmSettings at(URI baseUrl, Duration timeout, int maxRetries) {
        LlmSettings d = LlmSettings.defaults();
        return new LlmSettings(baseUrl, Secret.of(API_KEY), d.model(), d.temperature(), d.topP(), d.frequencyPenalty(), d.presencePenalty(),
                d.minLen(), d.maxLen(), d.maxEmojis(), d.strictValidate(), timeout, maxRetries, d.maxAttempts(), d.promptSystemFile(), d.promptUserFile());
    }
}
