package dev.marketolog.config;

import static dev.marketolog.config.SettingKey.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds one account's {@link AccountSettings} on top of a base, checking the rules across keys: the records' defaults
 * when the {@code .env} files are read, the files' settings when the console's overrides are laid on top of them.
 */
final class AccountSettingsReader {
    private static final int MAX = Integer.MAX_VALUE;
    /** Telegram's limit on the length of a message. */
    private static final int TELEGRAM_MAX_MESSAGE_LENGTH = 4096;
    private static final AccountSettings DEFAULTS = AccountSettings.defaults("bot", List.of());

    private final ValueReader values;
    private final Purpose purpose;
    private final AccountSettings base;

    private AccountSettingsReader(ValueReader values, Purpose purpose, AccountSettings base) {
        this.values = values;
        this.purpose = purpose;
        this.base = base;
    }

    /**
     * Reads the account whose file is {@code envFile} (empty: the environment alone) and adds its warnings.
     *
     * @param nameFromFile the name the file's name gives, when that is a usable name
     */
    static AccountSettings read(
            ValueReader values, Optional<Path> envFile, Optional<String> nameFromFile, Purpose purpose, List<String> warnings) {
        return new AccountSettingsReader(values, purpose, DEFAULTS).account(envFile, nameFromFile, warnings);
    }

    /**
     * {@code base} with the keys {@code values} gives read on top of it, validated as a whole: a key it does not give
     * keeps the base's value, one it gives empty has its default (as an empty line in {@code .env} does). The name and
     * the file stay the base's; the warnings were the base's to give.
     */
    static AccountSettings readOver(ValueReader values, AccountSettings base) {
        return new AccountSettingsReader(values, Purpose.TOOL, base)
                .account(base.envFile(), Optional.of(base.name()), new ArrayList<>());
    }

    private AccountSettings account(Optional<Path> envFile, Optional<String> nameFromFile, List<String> warnings) {
        String name = name(envFile, nameFromFile);
        OptionalInt apiId = values.optional(TELEGRAM_API_ID, Values.integer(1, MAX))
                .map(OptionalInt::of).orElse(base.apiId());
        Secret apiHash = values.secret(TELEGRAM_API_HASH, base.apiHash());
        if (purpose == Purpose.SERVE) {
            requireForServe(TELEGRAM_API_ID);
            requireForServe(TELEGRAM_API_HASH);
        }
        boolean enabled = values.read(BOT_ENABLED, base(BOT_ENABLED).enabled(), Values::bool);
        List<Long> allowlist = values.read(ALLOWLIST_CHAT_IDS, base(ALLOWLIST_CHAT_IDS).allowlist(), Values::longList);
        boolean telethonSession = base.hasTelethonSession() || values.given(TELEGRAM_SESSION_STRING);
        if (values.given(TELEGRAM_SESSION_STRING)) {
            String login = envFile.map(f -> "marketolog login --env-file " + f).orElse("marketolog login");
            warnings.add("TELEGRAM_SESSION_STRING (a Telethon session) cannot be used by TDLib: run `" + login
                    + "` once for account " + name + ".");
        }
        if (purpose == Purpose.SERVE && enabled && allowlist.isEmpty() && values.valid(ALLOWLIST_CHAT_IDS)) {
            warnings.add("Account " + name + " has no ALLOWLIST_CHAT_IDS, so it will not comment anywhere.");
        }
        return new AccountSettings(
                name,
                envFile,
                apiId,
                apiHash,
                telethonSession,
                enabled,
                allowlist,
                limits(),
                spamGuard(),
                llm(),
                values.optional(PERSONA, raw -> raw).or(base(PERSONA)::persona),
                values.read(DRY_RUN, base(DRY_RUN).dryRun(), Values::bool),
                values.secret(SESSION_ENCRYPTION_KEY, base.sessionEncryptionKey()),
                proxy(),
                values.read(SEND_TIMEOUT_SECONDS, base.sendTimeout(), Values.seconds(1)),
                values.read(SELF_DELETED_LIMIT, base.selfDeletedLimit(), Values.integer(1, MAX)),
                values.read(SKIP_KEYWORDS, base(SKIP_KEYWORDS).skipKeywords(), Values::stringList),
                values.read(CACHE_TTL_SECONDS, base.cacheTtl(), Values.seconds(1)),
                new ReviewSettings(values.read(REVIEW_MODE, base.review().enabled(), Values::bool),
                        values.read(REVIEW_TIMEOUT_MINUTES, base.review().timeout(), Values.minutes(1))));
    }

    private String name(Optional<Path> envFile, Optional<String> nameFromFile) {
        Optional<String> explicit = values.optional(ACCOUNT_NAME, Values::accountName);
        if (explicit.isEmpty() && nameFromFile.isEmpty() && values.valid(ACCOUNT_NAME)) {
            values.reject(ACCOUNT_NAME, "a value: the file name " + envFile.map(f -> f.getFileName().toString()).orElse("")
                    + " gives no usable account name (1-64 letters, digits, _ or -)");
        }
        return explicit.or(() -> nameFromFile).orElse("bot");
    }

    private void requireForServe(SettingKey key) {
        if (!values.given(key)) {
            values.reject(key, "a value: serve needs TELEGRAM_API_ID and TELEGRAM_API_HASH (from https://my.telegram.org)");
        }
    }

    private Limits limits() {
        return new Limits(
                values.read(ACTIVE_WINDOWS, limits(ACTIVE_WINDOWS).activeWindows(), Values::windows),
                values.read(TIMEZONE, limits(TIMEZONE).timezone(), Values::zone),
                values.read(MESSAGES_PER_DAY, limits(MESSAGES_PER_DAY).messagesPerDay(), Values.integer(1, MAX)),
                values.read(MESSAGES_PER_HOUR, limits(MESSAGES_PER_HOUR).messagesPerHour(), Values.integer(1, MAX)),
                values.read(MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS,
                        limits(MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS).minIntervalBetweenMessages(), Values.seconds(0)),
                values.read(MIN_INTERVAL_PER_CHAT_SECONDS, limits(MIN_INTERVAL_PER_CHAT_SECONDS).minIntervalPerChat(),
                        Values.seconds(0)),
                values.read(MAX_INSTANT_PER_CHAT_PER_HOUR, limits(MAX_INSTANT_PER_CHAT_PER_HOUR).maxInstantPerChatPerHour(),
                        Values.integer(0, MAX)),
                values.read(FRESH_POST_MAX_AGE_MINUTES, limits(FRESH_POST_MAX_AGE_MINUTES).freshPostMaxAge(), Values.minutes(1)),
                values.read(INSTANT_COMMENT_DELAY_SECONDS, limits(INSTANT_COMMENT_DELAY_SECONDS).instantCommentDelay(),
                        Values.seconds(0)));
    }

    /** The settings a key falls back to: the base's, or the defaults when a layer on top gave the key empty. */
    private AccountSettings base(SettingKey key) {
        return values.cleared(key) ? DEFAULTS : base;
    }

    private Limits limits(SettingKey key) {
        return base(key).limits();
    }

    private SpamGuardSettings spamGuard() {
        SpamGuardSettings d = base.spamGuard();
        SpamGuardSettings read = new SpamGuardSettings(
                values.read(SPAMBLOCK_MIN_COOLDOWN_SECONDS, d.minCooldown(), Values.seconds(1)),
                values.read(SPAMBLOCK_MAX_COOLDOWN_SECONDS, d.maxCooldown(), Values.seconds(1)),
                values.read(SPAMBLOCK_ERROR_THRESHOLD, d.errorThreshold(), Values.integer(1, MAX)),
                values.read(FLOOD_WAIT_SERIOUS_SECONDS, d.floodWaitSerious(), Values.seconds(1)));
        if (read.minCooldown().compareTo(read.maxCooldown()) > 0
                && values.valid(SPAMBLOCK_MIN_COOLDOWN_SECONDS, SPAMBLOCK_MAX_COOLDOWN_SECONDS)) {
            values.reject(crossFieldKey(SPAMBLOCK_MIN_COOLDOWN_SECONDS, SPAMBLOCK_MAX_COOLDOWN_SECONDS),
                    "SPAMBLOCK_MIN_COOLDOWN_SECONDS (" + read.minCooldown().toSeconds()
                            + ") ≤ SPAMBLOCK_MAX_COOLDOWN_SECONDS (" + read.maxCooldown().toSeconds() + ")");
        }
        return read;
    }

    private LlmSettings llm() {
        LlmSettings d = base.llm();
        LlmSettings read = new LlmSettings(
                values.read(OPENAI_BASE_URL, d.baseUrl(), Values::httpUrl),
                values.read(OPENAI_API_KEY, d.apiKey(), Values::headerSecret),
                values.read(LLM_MODEL, d.model(), String::strip),
                values.read(LLM_TEMPERATURE, d.temperature(), Values.decimal(0, 2)),
                values.read(LLM_TOP_P, d.topP(), Values.decimal(0, 1)),
                values.read(LLM_FREQUENCY_PENALTY, d.frequencyPenalty(), Values.decimal(-2, 2)),
                values.read(LLM_PRESENCE_PENALTY, d.presencePenalty(), Values.decimal(-2, 2)),
                values.read(LLM_MIN_LEN, d.minLen(), Values.integer(1, TELEGRAM_MAX_MESSAGE_LENGTH)),
                values.read(LLM_MAX_LEN, d.maxLen(), Values.integer(1, TELEGRAM_MAX_MESSAGE_LENGTH)),
                values.read(LLM_MAX_EMOJIS, d.maxEmojis(), Values.integer(0, MAX)),
                values.read(LLM_STRICT_VALIDATE, d.strictValidate(), Values::bool),
                values.read(LLM_TIMEOUT_SECONDS, d.timeout(), Values.seconds(1)),
                values.read(LLM_MAX_RETRIES, d.maxRetries(), Values.integer(0, 100)),
                values.read(LLM_MAX_ATTEMPTS, d.maxAttempts(), Values.integer(1, 100)),
                values.optional(PROMPT_SYSTEM_FILE, Values::readableFile).or(d::promptSystemFile),
                values.optional(PROMPT_USER_FILE, Values::readableFile).or(d::promptUserFile));
        if (read.minLen() > read.maxLen() && values.valid(LLM_MIN_LEN, LLM_MAX_LEN)) {
            values.reject(crossFieldKey(LLM_MIN_LEN, LLM_MAX_LEN),
                    "LLM_MIN_LEN (" + read.minLen() + ") ≤ LLM_MAX_LEN (" + read.maxLen() + ")");
        }
        return read;
    }

    private Optional<ProxySettings> proxy() {
        Optional<String> host = values.optional(TG_PROXY_HOST, String::strip);
        Optional<Integer> port = values.optional(TG_PROXY_PORT, Values::port);
        if (values.given(TG_PROXY_HOST) != values.given(TG_PROXY_PORT)) {
            values.reject(values.given(TG_PROXY_HOST) ? TG_PROXY_PORT : TG_PROXY_HOST,
                    "TG_PROXY_HOST and TG_PROXY_PORT both, or neither");
            return base.proxy();
        }
        if (!values.given(TG_PROXY_HOST) && (values.given(TG_PROXY_USER) || values.given(TG_PROXY_PASS))) {
            values.reject(TG_PROXY_HOST, "a proxy host and port when TG_PROXY_USER or TG_PROXY_PASS is given");
            return base.proxy();
        }
        if (host.isEmpty() || port.isEmpty()) {
            return base.proxy();
        }
        return Optional.of(new ProxySettings(
                host.get(), port.get(), values.optional(TG_PROXY_USER, String::strip), values.secret(TG_PROXY_PASS, Secret.NONE)));
    }

    /** The key a rule across two keys is reported on: the first when it was given, else the second. */
    private SettingKey crossFieldKey(SettingKey first, SettingKey second) {
        return values.given(first) || !values.given(second) ? first : second;
    }
}
