package dev.marketolog.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Keys that belong to the whole process, not to one account. */
public record ProcessSettings(
        String httpHost,                   // HTTP_HOST
        int httpPort,                      // HTTP_PORT
        Optional<URI> httpPublicUrl,       // HTTP_PUBLIC_URL; where operators reach the console (https: Secure cookies)
        Optional<DatabaseDsn> postgres,    // POSTGRES_DSN; empty = embedded PostgreSQL under DATA_DIR/postgres
        Optional<URI> redisUrl,            // REDIS_URL; empty = Caffeine in process
        Path dataDir,                      // DATA_DIR
        Secret adminToken,                 // ADMIN_TOKEN
        LogFormat logFormat,               // LOG_FORMAT
        int llmMaxConcurrency,             // LLM_MAX_CONCURRENCY
        int fleetMaxAccountsPerPost,       // FLEET_MAX_ACCOUNTS_PER_POST
        Duration fleetMinGap,              // FLEET_MIN_GAP_SECONDS
        Optional<Path> tdjsonPath,         // TDJSON_PATH
        Optional<URI> telegramSandboxUrl, // TELEGRAM_SANDBOX_URL; every account talks to this sandbox world instead of TDLib
        Duration journalRetention) {       // JOURNAL_RETENTION_DAYS

    /** The shortest JOURNAL_RETENTION_DAYS: longer than every window a limit reads (the self-deleted one is 7 days). */
    public static final int MIN_JOURNAL_RETENTION_DAYS = 8;

    public static ProcessSettings defaults() {
        return new ProcessSettings(
                "127.0.0.1",
                8000,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Path.of("data"),
                Secret.NONE,
                LogFormat.TEXT,
                2,
                1,
                Duration.ofSeconds(300),
                Optional.empty(),
                Optional.empty(),
                Duration.ofDays(365));
    }

    /** Whether ADMIN_TOKEN opens the console, or why it is off. */
    public ConsoleAccess consoleAccess() {
        return ConsoleAccess.of(adminToken);
    }

    /** Like a record's, with the password inside REDIS_URL masked (the other secrets mask themselves). */
    @Override
    public String toString() {
        return "ProcessSettings[httpHost=" + httpHost + ", httpPort=" + httpPort + ", httpPublicUrl=" + httpPublicUrl
                + ", postgres=" + postgres
                + ", redisUrl=" + redisUrl.map(url -> Masking.urlCredentials(url.toString()))
                + ", dataDir=" + dataDir + ", adminToken=" + adminToken + ", logFormat=" + logFormat
                + ", llmMaxConcurrency=" + llmMaxConcurrency + ", fleetMaxAccountsPerPost=" + fleetMaxAccountsPerPost
                + ", fleetMinGap=" + fleetMinGap + ", tdjsonPath=" + tdjsonPath + ", telegramSandboxUrl=" + telegramSandboxUrl
                + ", journalRetention=" + journalRetention + "]";
    }
}
