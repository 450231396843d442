package dev.marketolog.config;

/** What the settings are loaded for: {@code serve} needs Telegram credentials, the tools do not. */
public enum Purpose {
    /** Running accounts against Telegram: TELEGRAM_API_ID and TELEGRAM_API_HASH are required for every account. */
    SERVE,
    /** simulate, polish, doctor: nothing talks to Telegram, so its credentials may be missing. */
    TOOL
}
