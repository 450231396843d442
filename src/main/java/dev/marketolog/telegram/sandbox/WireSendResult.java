package dev.marketolog.telegram.sandbox;

import dev.marketolog.telegram.SendResult;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link SendResult} as the sandbox's JSON carries it.
 *
 * @param result sent, failed or unknown
 * @param link   the sent comment's t.me-like link in the sandbox world
 */
public record WireSendResult(String result, Long discussionChatId, Long messageId, Instant sentAt, String link,
        WireError error, Boolean reachedServer, String reason) {

    public static WireSendResult of(SendResult result) {
        return switch (result) {
            case SendResult.Sent sent -> new WireSendResult("sent", sent.discussionChatId(), sent.messageId(), sent.sentAt(),
                    sent.link().orElse(null), null, null, null);
            case SendResult.Failed failed -> new WireSendResult("failed", null, null, null, null, WireError.of(failed.error()),
                    failed.reachedServer(), null);
            case SendResult.Unknown unknown -> new WireSendResult("unknown", null, null, null, null, null, null, unknown.reason());
        };
    }

    public SendResult toResult() {
        return switch (result) {
            case "sent" -> new SendResult.Sent(discussionChatId, messageId, sentAt, Optional.ofNullable(link));
            case "failed" -> new SendResult.Failed(error.toError(), Boolean.TRUE.equals(reachedServer));
            default -> new SendResult.Unknown(reason == null ? "the sandbox answered " + result : reason);
        };
    }
}
