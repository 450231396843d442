package dev.marketolog.config;

import static dev.marketolog.config.SettingKey.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/** Resolved settings as {@code KEY=value} lines an operator reads, secrets masked; used by check-config and the panel. */
public final class SettingsDescription {
    private SettingsDescription() {}

    /** Every process-wide key and its resolved value. */
    public static SequencedMap<SettingKey, String> processValues(ProcessSettings p) {
        SequencedMap<SettingKey, String> v = new LinkedHashMap<>();
        v.put(HTTP_HOST, p.httpHost());
        v.put(HTTP_PORT, String.valueOf(p.httpPort()));
        v.put(HTTP_PUBLIC_URL, p.httpPublicUrl().map(URI::toString).orElse(""));
        v.put(POSTGRES_DSN, p.postgres().map(DatabaseDsn::toString).orElse("(embedded PostgreSQL under DATA_DIR/postgres)"));
        v.put(REDIS_URL, p.redisUrl().map(url -> REDIS_URL.masked(url.toString())).orElse("(in-process cache)"));
        v.put(DATA_DIR, p.dataDir().toString());
        v.put(ADMIN_TOKEN, p.adminToken().masked());
        v.put(LOG_FORMAT, p.logFormat().name().toLowerCase(Locale.ROOT));
        v.put(LLM_MAX_CONCURRENCY, String.valueOf(p.llmMaxConcurrency()));
        v.put(FLEET_MAX_ACCOUNTS_PER_POST, String.valueOf(p.fleetMaxAccountsPerPost()));
        v.put(FLEET_MIN_GAP_SECONDS, seconds(p.fleetMinGap()));
        v.put(TDJSON_PATH, path(p.tdjsonPath()));
        v.put(TELEGRAM_SANDBOX_URL, p.telegramSandboxUrl().map(URI::toString).orElse("(TDLib: real Telegram)"));
        v.put(JOURNAL_RETENTION_DAYS, String.valueOf(p.journalRetention().toDays()));
        v.put(LEASE_SECONDS, seconds(p.leaseTerm()));
        NotifySettings n = p.notifications();
        v.put(NOTIFY_WEBHOOK_URL, n.webhookUrl().masked());
        v.put(NOTIFY_WEBHOOK_FORMAT, n.webhookFormat().name().toLowerCase(Locale.ROOT));
        v.put(NOTIFY_TELEGRAM_BOT_TOKEN, n.botToken().masked());
        v.put(NOTIFY_TELEGRAM_CHAT_ID, n.chatId().orElse(""));
        v.put(NOTIFY_SAVED_MESSAGES, String.valueOf(n.savedMessages()));
        v.put(NOTIFY_LLM_DOWN_MINUTES, String.valueOf(n.llmDownAfter().toMinutes()));
        v.put(NOTIFY_DIGEST_HOUR, String.valueOf(n.digestHour()));
        return v;
    }

    /** Every key of one account and its resolved value. */
    public static SequencedMap<SettingKey, String> accountValues(AccountSettings a) {
        SequencedMap<SettingKey, String> v = new LinkedHashMap<>();
        v.put(ACCOUNT_NAME, a.name());
        v.put(TELEGRAM_API_ID, a.apiId().isPresent() ? String.valueOf(a.apiId().getAsInt()) : "");
        v.put(TELEGRAM_API_HASH, a.apiHash().masked());
        v.put(TELEGRAM_SESSION_STRING, a.hasTelethonSession() ? "****" : "");
        v.put(SESSION_ENCRYPTION_KEY, a.sessionEncryptionKey().masked());
        v.put(BOT_ENABLED, String.valueOf(a.enabled()));
        v.put(DRY_RUN, String.valueOf(a.dryRun()));
        v.put(ALLOWLIST_CHAT_IDS, a.allowlist().toString());
        v.put(SKIP_KEYWORDS, String.join(", ", a.skipKeywords()));
        v.put(PERSONA, a.persona().orElse(""));
        Limits limits = a.limits();
        v.put(ACTIVE_WINDOWS, limits.activeWindows().toString());
        v.put(TIMEZONE, limits.timezone().getId());
        v.put(MESSAGES_PER_DAY, String.valueOf(limits.messagesPerDay()));
        v.put(MESSAGES_PER_HOUR, String.valueOf(limits.messagesPerHour()));
        v.put(MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS, seconds(limits.minIntervalBetweenMessages()));
        v.put(MIN_INTERVAL_PER_CHAT_SECONDS, seconds(limits.minIntervalPerChat()));
        v.put(MAX_INSTANT_PER_CHAT_PER_HOUR, String.valueOf(limits.maxInstantPerChatPerHour()));
        v.put(FRESH_POST_MAX_AGE_MINUTES, String.valueOf(limits.freshPostMaxAge().toMinutes()));
        v.put(INSTANT_COMMENT_DELAY_SECONDS, seconds(limits.instantCommentDelay()));
        v.put(SEND_TIMEOUT_SECONDS, seconds(a.sendTimeout()));
        v.put(SELF_DELETED_LIMIT, String.valueOf(a.selfDeletedLimit()));
        v.put(REVIEW_MODE, String.valueOf(a.review().enabled()));
        v.put(REVIEW_TIMEOUT_MINUTES, String.valueOf(a.review().timeout().toMinutes()));
        SpamGuardSettings guard = a.spamGuard();
        v.put(SPAMBLOCK_MIN_COOLDOWN_SECONDS, seconds(guard.minCooldown()));
        v.put(SPAMBLOCK_MAX_COOLDOWN_SECONDS, seconds(guard.maxCooldown()));
        v.put(SPAMBLOCK_ERROR_THRESHOLD, String.valueOf(guard.errorThreshold()));
        v.put(FLOOD_WAIT_SERIOUS_SECONDS, seconds(guard.floodWaitSerious()));
        LlmSettings llm = a.llm();
        v.put(OPENAI_BASE_URL, OPENAI_BASE_URL.masked(llm.baseUrl().toString()));
        v.put(OPENAI_API_KEY, llm.apiKey().masked());
        v.put(LLM_MODEL, llm.model());
        v.put(LLM_TEMPERATURE, String.valueOf(llm.temperature()));
        v.put(LLM_TOP_P, String.valueOf(llm.topP()));
        v.put(LLM_FREQUENCY_PENALTY, String.valueOf(llm.frequencyPenalty()));
        v.put(LLM_PRESENCE_PENALTY, String.valueOf(llm.presencePenalty()));
        v.put(LLM_MIN_LEN, String.valueOf(llm.minLen()));
        v.put(LLM_MAX_LEN, String.valueOf(llm.maxLen()));
        v.put(LLM_MAX_EMOJIS, String.valueOf(llm.maxEmojis()));
        v.put(LLM_STRICT_VALIDATE, String.valueOf(llm.strictValidate()));
        v.put(LLM_TIMEOUT_SECONDS, seconds(llm.timeout()));
        v.put(LLM_MAX_RETRIES, String.valueOf(llm.maxRetries()));
        v.put(LLM_MAX_ATTEMPTS, String.valueOf(llm.maxAttempts()));
        v.put(PROMPT_SYSTEM_FILE, path(llm.promptSystemFile()));
        v.put(PROMPT_USER_FILE, path(llm.promptUserFile()));
        v.put(CACHE_TTL_SECONDS, seconds(a.cacheTtl()));
        v.put(TG_PROXY_HOST, a.proxy().map(ProxySettings::host).orElse(""));
        v.put(TG_PROXY_PORT, a.proxy().map(p -> String.valueOf(p.port())).orElse(""));
        v.put(TG_PROXY_USER, a.proxy().flatMap(ProxySettings::user).orElse(""));
        v.put(TG_PROXY_PASS, a.proxy().map(p -> p.password().masked()).orElse(""));
        return v;
    }

    /** The whole configuration: process-wide keys, then each account, then the warnings. */
    public static String describe(Settings settings) {
        StringBuilder out = new StringBuilder("process (shared by all accounts):\n").append(lines(processValues(settings.process())));
        out.append("\nconsole (admin API and panel): ").append(settings.process().consoleAccess().describe()).append('\n');
        for (AccountSettings account : settings.accounts()) {
            out.append("\naccount ").append(account.name())
                    .append(account.envFile().map(f -> " (" + f + ")").orElse(" (environment)"))
                    .append(":\n")
                    .append(lines(accountValues(account)));
        }
        if (!settings.warnings().isEmpty()) {
            out.append("\nwarnings:\n").append(settings.warnings().stream().map(w -> "  " + w + "\n").collect(Collectors.joining()));
        }
        return out.toString();
    }

    private static String lines(Map<SettingKey, String> values) {
        return values.entrySet().stream().map(e -> "  " + e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining());
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toSeconds());
    }

    private static String path(Optional<Path> path) {
        return path.map(Path::toString).orElse("");
    }
}
