package dev.marketolog.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** OPENAI_* and LLM_* of one account, plus the prompt template files. */
public record LlmSettings(
        URI baseUrl,                       // OPENAI_BASE_URL
        Secret apiKey,                     // OPENAI_API_KEY
        String model,                      // LLM_MODEL
        double temperature,                // LLM_TEMPERATURE
        double topP,                       // LLM_TOP_P
        double frequencyPenalty,           // LLM_FREQUENCY_PENALTY
        double presencePenalty,            // LLM_PRESENCE_PENALTY
        int minLen,                        // LLM_MIN_LEN
        int maxLen,                        // LLM_MAX_LEN
        int maxEmojis,                     // LLM_MAX_EMOJIS
        boolean strictValidate,            // LLM_STRICT_VALIDATE
        Duration timeout,                  // LLM_TIMEOUT_SECONDS
        int maxRetries,                    // LLM_MAX_RETRIES
        int maxAttempts,                   // LLM_MAX_ATTEMPTS
        Optional<Path> promptSystemFile,   // PROMPT_SYSTEM_FILE
        Optional<Path> promptUserFile) {   // PROMPT_USER_FILE

    public static LlmSettings defaults() {
        return new LlmSettings(
                URI.create("http://localhost:11434/v1"),
                Secret.of("ollama"),
                "llama3.1:8b",
                0.4,
                0.9,
                0.3,
                0.2,
                30,
                220,
                1,
                false,
                Duration.ofSeconds(60),
                3,
                2,
                Optional.empty(),
                Optional.empty());
    }
}
