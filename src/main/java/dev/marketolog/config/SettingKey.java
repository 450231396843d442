package dev.marketolog.config;

import java.util.Arrays;
import java.util.Optional;

/** Every setting Marketolog reads, with whether it belongs to the whole process and how its value is masked. */
public enum SettingKey {
    ACCOUNT_NAME,
    TELEGRAM_API_ID,
    TELEGRAM_API_HASH(Scope.ACCOUNT, Mask.WHOLE),
    TELEGRAM_SESSION_STRING(Scope.ACCOUNT, Mask.WHOLE),
    SESSION_ENCRYPTION_KEY(Scope.ACCOUNT, Mask.WHOLE),
    BOT_ENABLED,
    DRY_RUN,
    ALLOWLIST_CHAT_IDS,
    SKIP_KEYWORDS,
    PERSONA,
    ACTIVE_WINDOWS,
    TIMEZONE,
    MESSAGES_PER_DAY,
    MESSAGES_PER_HOUR,
    MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS,
    MIN_INTERVAL_PER_CHAT_SECONDS,
    MAX_INSTANT_PER_CHAT_PER_HOUR,
    FRESH_POST_MAX_AGE_MINUTES,
    INSTANT_COMMENT_DELAY_SECONDS,
    SEND_TIMEOUT_SECONDS,
    SELF_DELETED_LIMIT,
    REVIEW_MODE,
    REVIEW_TIMEOUT_MINUTES,
    SPAMBLOCK_MIN_COOLDOWN_SECONDS,
    SPAMBLOCK_MAX_COOLDOWN_SECONDS,
    SPAMBLOCK_ERROR_THRESHOLD,
    FLOOD_WAIT_SERIOUS_SECONDS,
    OPENAI_BASE_URL(Scope.ACCOUNT, Mask.URL_CREDENTIALS),
    OPENAI_API_KEY(Scope.ACCOUNT, Mask.WHOLE),
    LLM_MODEL,
    LLM_TEMPERATURE,
    LLM_TOP_P,
    LLM_FREQUENCY_PENALTY,
    LLM_PRESENCE_PENALTY,
    LLM_MIN_LEN,
    LLM_MAX_LEN,
    LLM_MAX_EMOJIS,
    LLM_STRICT_VALIDATE,
    LLM_TIMEOUT_SECONDS,
    LLM_MAX_RETRIES,
    LLM_MAX_ATTEMPTS,
    PROMPT_SYSTEM_FILE,
    PROMPT_USER_FILE,
    CACHE_TTL_SECONDS,
    TG_PROXY_HOST,
    TG_PROXY_PORT,
    TG_PROXY_USER,
    TG_PROXY_PASS(Scope.ACCOUNT, Mask.WHOLE),
    HTTP_HOST(Scope.PROCESS, Mask.NONE),
    HTTP_PORT(Scope.PROCESS, Mask.NONE),
    HTTP_PUBLIC_URL(Scope.PROCESS, Mask.NONE),
    POSTGRES_DSN(Scope.PROCESS, Mask.URL_CREDENTIALS),
    REDIS_URL(Scope.PROCESS, Mask.URL_CREDENTIALS),
    DATA_DIR(Scope.PROCESS, Mask.NONE),
    ADMIN_TOKEN(Scope.PROCESS, Mask.WHOLE),
    LOG_FORMAT(Scope.PROCESS, Mask.NONE),
    LLM_MAX_CONCURRENCY(Scope.PROCESS, Mask.NONE),
    FLEET_MAX_ACCOUNTS_PER_POST(Scope.PROCESS, Mask.NONE),
    FLEET_MIN_GAP_SECONDS(Scope.PROCESS, Mask.NONE),
    TDJSON_PATH(Scope.PROCESS, Mask.NONE),
    TELEGRAM_SANDBOX_URL(Scope.PROCESS, Mask.NONE),
    JOURNAL_RETENTION_DAYS(Scope.PROCESS, Mask.NONE),
    LEASE_SECONDS(Scope.PROCESS, Mask.NONE),
    NOTIFY_WEBHOOK_URL(Scope.PROCESS, Mask.WHOLE),
    NOTIFY_WEBHOOK_FORMAT(Scope.PROCESS, Mask.NONE),
    NOTIFY_TELEGRAM_BOT_TOKEN(Scope.PROCESS, Mask.WHOLE),
    NOTIFY_TELEGRAM_CHAT_ID(Scope.PROCESS, Mask.NONE),
    NOTIFY_SAVED_MESSAGES(Scope.PROCESS, Mask.NONE),
    NOTIFY_LLM_DOWN_MINUTES(Scope.PROCESS, Mask.NONE),
    NOTIFY_DIGEST_HOUR(Scope.PROCESS, Mask.NONE);

    /** Whose value a key is: one account's (its file, then the environment) or the whole process's. */
    public enum Scope { ACCOUNT, PROCESS }

    /** How a value is shown. */
    public enum Mask {
        /** As given. */
        NONE,
        /** Not at all ({@code ****}): secrets, and URLs that carry their secret in the path (webhooks, the Bot API). */
        WHOLE,
        /** A URL with its user-info password, secret query parameters and fragment hidden ({@link Masking}). */
        URL_CREDENTIALS
    }

    private final Scope scope;
    private final Mask mask;

    SettingKey() {
        this(Scope.ACCOUNT, Mask.NONE);
    }

    SettingKey(Scope scope, Mask mask) {
        this.scope = scope;
        this.mask = mask;
    }

    /** True for keys of the whole process, which come from the environment, then the files, which must agree. */
    public boolean processWide() {
        return scope == Scope.PROCESS;
    }

    /** True for credentials: never shown, never changed at run time. */
    public boolean secret() {
        return mask == Mask.WHOLE;
    }

    /** The value as it may be shown to anyone. */
    public String masked(String value) {
        return switch (mask) {
            case NONE -> value;
            case WHOLE -> value.isEmpty() ? "" : Secret.of(value).masked();
            case URL_CREDENTIALS -> Masking.urlCredentials(value);
        };
    }

    /** The key with this exact (upper-case) name. */
    public static Optional<SettingKey> named(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
