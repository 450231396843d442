package dev.marketolog.engine;

import dev.marketolog.config.Limits;
import dev.marketolog.config.ReviewSettings;
import dev.marketolog.config.SpamGuardSettings;
import java.util.List;

/**
 * What the engine knows of one account: how it may comment, and nothing to reach Telegram or the LLM with, so that no
 * credential ever reaches {@code engine/}. The wiring builds it from the account's settings.
 *
 * @param name ACCOUNT_NAME
 * @param enabled BOT_ENABLED
 * @param dryRun DRY_RUN
 * @param allowlist ALLOWLIST_CHAT_IDS
 * @param skipKeywords SKIP_KEYWORDS
 * @param selfDeletedLimit SELF_DELETED_LIMIT
 * @param review REVIEW_MODE and REVIEW_TIMEOUT_MINUTES
 */
public record AccountPolicy(
        String name,
        boolean enabled,
        boolean dryRun,
        List<Long> allowlist,
        List<String> skipKeywords,
        Limits limits,
        SpamGuardSettings spamGuard,
        int selfDeletedLimit,
        ReviewSettings review) {

    public AccountPolicy {
        allowlist = List.copyOf(allowlist);
        skipKeywords = List.copyOf(skipKeywords);
    }
}
