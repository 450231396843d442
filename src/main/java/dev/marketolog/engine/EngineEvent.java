package dev.marketolog.engine;

import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;

/** What happened to an account, as the engine reports it to listeners (simulate's report, metrics, logs, the panel). */
public sealed interface EngineEvent {
    String account();

    Instant at();

    /** A comment was sent (or, with DRY_RUN, journaled as the one that would have been sent). */
    record CommentSent(String account, Instant at, PostKey post, Branch branch, String text, boolean dryRun) implements EngineEvent {}

    /** Telegram asked the account to wait. */
    record FloodWait(String account, Instant at, long channelId, Duration duration) implements EngineEvent {}

    /** PEER_FLOOD: the account is limited. */
    record PeerFlood(String account, Instant at, long channelId) implements EngineEvent {}

    /** Too many serious errors in a row: the whole account sleeps for {@code duration}. */
    record SpamBlockStarted(String account, Instant at, Duration duration) implements EngineEvent {}

    /** The spam block is over. */
    record SpamBlockEnded(String account, Instant at) implements EngineEvent {}

    /** The channel went on the account's ban list. */
    record ChannelBanned(String account, Instant at, long channelId, String reason) implements EngineEvent {}

    /** The channel's discussion group is in slow mode: it is held for {@code duration}. */
    record SlowMode(String account, Instant at, long channelId, Duration duration) implements EngineEvent {}

    /** The post was gone (deleted, or comments off) when the comment was sent. */
    record PostGone(String account, Instant at, PostKey post) implements EngineEvent {}

    /** The session ended: the account stopped and needs a login. */
    record SessionGone(String account, Instant at, String reason) implements EngineEvent {}

    /** A post was considered and not commented, for {@code reason}. */
    record Skipped(String account, Instant at, PostKey post, SkipReason reason) implements EngineEvent {}

    /** Telegram did not take a comment; {@code errorType} is a snake_case code such as {@code peer_flood} or {@code send_unknown}. */
    record SendFailed(String account, Instant at, PostKey post, String errorType) implements EngineEvent {}

    /** Something broke inside one account's task; it was logged, and the account goes on. */
    record AccountFailed(String account, Instant at, String error) implements EngineEvent {}
}
