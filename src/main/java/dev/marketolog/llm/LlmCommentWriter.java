package dev.marketolog.llm;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.engine.CommentRequest;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.Revision;
import dev.marketolog.engine.WriteResult;
import dev.marketolog.cache.Cache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CommentWriter} of one account: prompt, LLM call, polish; a rejected draft is asked for again with the
 * reasons added, up to LLM_MAX_ATTEMPTS calls in all. Accepted text is cached per (account, post, model, prompt)
 * for CACHE_TTL_SECONDS, so a retried send of the same post reuses it; the account is part of the key, so one
 * account's text never goes to another.
 */
public final class LlmCommentWriter implements CommentWriter {
    private static final Logger log = LoggerFactory.getLogger(LlmCommentWriter.class);
    private static final String KEY_PREFIX = "llm:comment:";

    private final LlmSettings settings;
    private final CommentPrompt prompt;
    private final LlmClient client;
    private final Cache cache;
    private final Duration cacheTtl;
    private final LlmMetrics metrics;

    public LlmCommentWriter(LlmSettings settings, CommentPrompt prompt, LlmClient client, Cache cache, Duration cacheTtl, LlmMetrics metrics) {
        this.settings = settings;
        this.prompt = prompt;
        this.client = client;
        this.cache = cache;
        this.cacheTtl = cacheTtl;
        this.metrics = metrics;
    }

    /**
     * The writer of one account, with its prompt templates loaded.
     *
     * @throws PromptTemplateException when PROMPT_SYSTEM_FILE or PROMPT_USER_FILE cannot be used
     */
    public static LlmCommentWriter forAccount(AccountSettings account, LlmClient client, Cache cache, LlmMetrics metrics) {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.load(account.llm()), account.llm(), account.persona());
        return new LlmCommentWriter(account.llm(), prompt, client, cache, account.cacheTtl(), metrics);
    }

    @Override
    public WriteResult write(CommentRequest request) {
        CommentPolish polish = new CommentPolish(PolishRules.of(settings), references(request));
        String key = cacheKey(request);
        Optional<String> cached = cache.get(key).filter(text -> polish.polish(text) instanceof PolishResult.Accepted accepted && accepted.text().equals(text));
        if (cached.isPresent()) {
            return new WriteResult.Written(cached.get(), 0);
        }
        int attempts = Math.max(1, settings.maxAttempts());
        List<PolishCode> rejectedFor = List.of();
        for (int call = 1; call <= attempts; call++) {
            switch (client.complete(settings, prompt.messages(request, rejectedFor))) {
                case LlmFailure failure -> {
                    log.warn("account {}: no comment for post {} ({})", request.account(), request.post().key(), failure.describe());
                    return new WriteResult.Unavailable(failure.describe(), call);
                }
                case ChatOutcome.Completed completed -> {
                    switch (polish.polish(completed.text())) {
                        case PolishResult.Accepted accepted -> {
                            cache.put(key, accepted.text(), cacheTtl);
                            return new WriteResult.Written(accepted.text(), call);
                        }
                        case PolishResult.Rejected rejected -> {
                            metrics.rejected(rejected.reasons());
                            if (rejected.skipped()) {
                                return new WriteResult.Declined(List.of(PolishCode.SKIP.code()), call);
                            }
                            log.info("account {}: draft for post {} rejected: {}", request.account(), request.post().key(), codes(rejected.reasons()));
                            rejectedFor = rejected.reasons();
                        }
                    }
                }
            }
        }
        return new WriteResult.Declined(codes(rejectedFor), attempts);
    }

    /**
     * The operator's text through the same polish as a draft: accepted only when polish leaves it as it is; a text
     * polish changed (a link removed in soft mode) comes back cleaned for the operator to confirm.
     */
    @Override
    public Revision revise(CommentRequest request, String text) {
        return switch (new CommentPolish(PolishRules.of(settings), references(request)).polish(text)) {
            case PolishResult.Accepted accepted when accepted.text().equals(text.strip()) -> new Revision.Accepted(accepted.text());
            case PolishResult.Accepted cleaned -> new Revision.Cleaned(cleaned.text(), codes(cleaned.fixes()));
            case PolishResult.Rejected rejected -> new Revision.Rejected(codes(rejected.reasons()));
        };
    }

    /** The texts a comment must not copy: the post, the comments under it, the account's own recent ones. */
    private static List<String> references(CommentRequest request) {
        List<String> references = new ArrayList<>();
        references.add(request.post().text());
        references.addAll(request.commentsUnder());
        references.addAll(request.ownRecent());
        return references;
    }

    /**
     * The account, the post, the model and the prompt's stable part (system prompt, channel title, post text). The
     * comments under the post are left out on purpose: new ones arriving between two tries must not defeat the
     * cache; a cached text is polished again against them before it is reused.
     */
    private String cacheKey(CommentRequest request) {
        String material = String.join("\u0000", Stream.of(
                request.account(), Long.toString(request.post().channelId()), Long.toString(request.post().messageId()),
                settings.model(), prompt.system(), request.channelTitle(), request.post().text()).toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<String> codes(List<PolishCode> reasons) {
        return reasons.stream().map(PolishCode::code).toList();
    }
}
