package dev.marketolog.cli;

import dev.marketolog.engine.EngineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * The engine's events as counters on {@code /metrics}: {@code marketolog_comments_sent_total},
 * {@code marketolog_comments_skipped_total} (by reason), {@code marketolog_send_failures_total} (by error type),
 * {@code marketolog_spam_blocks_total} and {@code marketolog_account_failures_total}, each by account.
 */
final class EngineMetrics implements Consumer<EngineEvent> {

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(EngineEvent event) {
        switch (event) {
            case EngineEvent.CommentSent sent -> count("marketolog.comments.sent", "Comments sent (or journaled as dry run)",
                    event.account(), "branch", sent.branch().code(), "dry_run", Boolean.toString(sent.dryRun()));
            case EngineEvent.Skipped skipped -> count("marketolog.comments.skipped", "Posts considered and not commented",
                    event.account(), "reason", skipped.reason().code());
            case EngineEvent.SendFailed failed -> count("marketolog.send.failures", "Comments Telegram did not take",
                    event.account(), "error_type", failed.errorType());
            case EngineEvent.SpamBlockStarted block -> count("marketolog.spam.blocks", "Spam blocks started", event.account());
            case EngineEvent.AccountFailed failed -> count("marketolog.account.failures", "Exceptions in an account's tasks",
                    event.account());
            default -> {
                // the other events change state that /health shows; their errors are counted as send failures
            }
        }
    }

    private void count(String name, String description, String account, String... tags) {
        Counter.builder(name).description(description).tag("account", account).tags(tags).register(registry).increment();
    }
}
