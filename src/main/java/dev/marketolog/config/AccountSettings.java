package dev.marketolog.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything one account (one {@code .env} file) is configured with, validated and frozen. */
public record AccountSettings(
        String name,                         // ACCOUNT_NAME, default from the file name (.env -> bot, .env.bot3 -> bot3)
        Optional<Path> envFile,
        OptionalInt apiId,                   // TELEGRAM_API_ID
        Secret apiHash,                      // TELEGRAM_API_HASH
        boolean hasTelethonSession,          // TELEGRAM_SESSION_STRING was given (unusable by TDLib)
        boolean enabled,                     // BOT_ENABLED
        List<Long> allowlist,                // ALLOWLIST_CHAT_IDS
        Limits limits,
        SpamGuardSettings spamGuard,
        LlmSettings llm,
        Optional<String> persona,            // PERSONA
        boolean dryRun,                      // DRY_RUN
        Secret sessionEncryptionKey,         // SESSION_ENCRYPTION_KEY
        Optional<ProxySettings> proxy,       // TG_PROXY_HOST/PORT/USER/PASS
        Duration sendTimeout,                // SEND_TIMEOUT_SECONDS
        int selfDeletedLimit,                // SELF_DELETED_LIMIT
        List<String> skipKeywords,           // SKIP_KEYWORDS
        Duration cacheTtl,                   // CACHE_TTL_SECONDS
        ReviewSettings review) {             // REVIEW_MODE, REVIEW_TIMEOUT_MINUTES

    public AccountSettings {
        allowlist = List.copyOf(allowlist);
        skipKeywords = List.copyOf(skipKeywords);
    }

    /** An enabled account with the seed's defaults and the given allowlist; tests and tools start from here. */
    public static AccountSettings defaults(String name, List<Long> allowlist) {
        return new AccountSettings(
                name,
                Optional.empty(),
                OptionalInt.empty(),
                Secret.NONE,
                false,
                true,
                allowlist,
                Limits.defaults(),
                SpamGuardSettings.defaults(),
                LlmSettings.defaults(),
                Optional.empty(),
                false,
                Secret.NONE,
                Optional.empty(),
                Duration.ofSeconds(180),
                2,
                List.of(),
                Duration.ofSeconds(900),
                ReviewSettings.defaults());
    }
}
