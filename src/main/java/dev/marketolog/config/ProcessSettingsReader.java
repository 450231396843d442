package dev.marketolog.config;

import static dev.marketolog.config.SettingKey.ADMIN_TOKEN;
import static dev.marketolog.config.SettingKey.DATA_DIR;
import static dev.marketolog.config.SettingKey.FLEET_MAX_ACCOUNTS_PER_POST;
import static dev.marketolog.config.SettingKey.FLEET_MIN_GAP_SECONDS;
import static dev.marketolog.config.SettingKey.HTTP_HOST;
import static dev.marketolog.config.SettingKey.HTTP_PORT;
import static dev.marketolog.config.SettingKey.HTTP_PUBLIC_URL;
import static dev.marketolog.config.SettingKey.JOURNAL_RETENTION_DAYS;
import static dev.marketolog.config.SettingKey.LLM_MAX_CONCURRENCY;
import static dev.marketolog.config.SettingKey.LOG_FORMAT;
import static dev.marketolog.config.SettingKey.POSTGRES_DSN;
import static dev.marketolog.config.SettingKey.REDIS_URL;
import static dev.marketolog.config.SettingKey.TDJSON_PATH;
import static dev.marketolog.config.SettingKey.TELEGRAM_SANDBOX_URL;

/** Builds {@link ProcessSettings} from the process-wide keys, on top of {@link ProcessSettings#defaults()}. */
final class ProcessSettingsReader {
    private ProcessSettingsReader() {}

    static ProcessSettings read(ValueReader values) {
        ProcessSettings defaults = ProcessSettings.defaults();
        return new ProcessSettings(
                values.read(HTTP_HOST, defaults.httpHost(), String::strip),
                values.read(HTTP_PORT, defaults.httpPort(), Values::port),
                values.optional(HTTP_PUBLIC_URL, Values::publicUrl).or(defaults::httpPublicUrl),
                values.optional(POSTGRES_DSN, DsnParser::parse).or(defaults::postgres),
                values.optional(REDIS_URL, Values::redisUrl).or(defaults::redisUrl),
                values.read(DATA_DIR, defaults.dataDir(), Values::path),
                values.secret(ADMIN_TOKEN, defaults.adminToken()),
                values.read(LOG_FORMAT, defaults.logFormat(), Values::logFormat),
                values.read(LLM_MAX_CONCURRENCY, defaults.llmMaxConcurrency(), Values.integer(1, 1000)),
                values.read(FLEET_MAX_ACCOUNTS_PER_POST, defaults.fleetMaxAccountsPerPost(), Values.integer(1, Integer.MAX_VALUE)),
                values.read(FLEET_MIN_GAP_SECONDS, defaults.fleetMinGap(), Values.seconds(0)),
                values.optional(TDJSON_PATH, Values::path).or(defaults::tdjsonPath),
                values.optional(TELEGRAM_SANDBOX_URL, Values::loopbackHttpUrl).or(defaults::telegramSandboxUrl),
                values.read(JOURNAL_RETENTION_DAYS, defaults.journalRetention(),
                        Values.days(ProcessSettings.MIN_JOURNAL_RETENTION_DAYS)));
    }
}
