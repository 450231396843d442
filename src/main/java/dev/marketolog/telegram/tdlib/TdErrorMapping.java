package dev.marketolog.telegram.tdlib;

import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramError.ChannelClosed;
import dev.marketolog.telegram.TelegramError.FloodWait;
import dev.marketolog.telegram.TelegramError.PeerFlood;
import dev.marketolog.telegram.TelegramError.PostGone;
import dev.marketolog.telegram.TelegramError.SessionGone;
import dev.marketolog.telegram.TelegramError.SlowMode;
import dev.marketolog.telegram.TelegramError.Unknown;
import dev.marketolog.telegram.tdlib.TdObject.TdError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What TDLib's errors mean to the engine, as a table read top to bottom: exact messages, then messages with a
 * number of seconds, then the code's class, then {@link Unknown}. Where each message comes from:
 * <ul>
 *   <li>"Too Many Requests: retry after N" (429): TDLib's own, td/telegram/net/NetQueryDelayer.cpp, once the flood waits it
 *       waited out and resent for exceed the query's total limit (about 60 s).
 *   <li>"Have no write access to the chat", "Have no rights to send a message": MessagesManager::can_send_message
 *       (td/telegram/MessagesManager.cpp), TDLib's checks before a send leaves.
 *   <li>"Can't access the chat": the queries of td/telegram (e.g. MessagesManager.cpp, DialogManager.cpp) when TDLib has
 *       no access hash for the chat.
 *   <li>"Chat not found": MessagesManager::open_dialog and most chat requests for a chat TDLib does not know.
 *   <li>"Message not found", "Message has no comments", "Message has no thread": MessagesManager.cpp
 *       (get_message_thread / get_top_thread_message_full_id).
 *   <li>PEER_FLOOD, FLOOD_WAIT_N, SLOWMODE_WAIT_N, USER_BANNED_IN_CHANNEL, CHAT_WRITE_FORBIDDEN, CHANNEL_PRIVATE,
 *       CHAT_GUEST_SEND_FORBIDDEN: Telegram's server errors, which TDLib passes on unchanged as code and message.
 *   <li>401: TDLib turns an unauthorized session into authorizationStateLoggingOut; requests racing it get 401.
 * </ul>
 * DESIGN.md also names "Can't access message comments": it does not occur in TDLib's source, so it is not a row.
 */
public final class TdErrorMapping {

    /** Whether the chat the request went to has slow mode on: then a 429 wait is slow mode, not a flood wait. */
    public record Context(boolean slowModeChat) {
        public static final Context NONE = new Context(false);
    }

    /** One row of the table. */
    private interface Row {
        Optional<TelegramError> match(TdError error, Context context);
    }

    private static Row exact(String message, Function<String, TelegramError> meaning) {
        return (error, context) -> error.message().equals(message) ? Optional.of(meaning.apply(message)) : Optional.empty();
    }

    /** A wait of the captured seconds: slow mode when the chat has it on (or the message says so), else a flood wait. */
    private static Row waiting(String regex, boolean alwaysSlowMode) {
        Pattern pattern = Pattern.compile(regex);
        return (error, context) -> {
            Matcher m = pattern.matcher(error.message());
            if (!m.matches()) {
                return Optional.empty();
            }
            Duration wait = Duration.ofSeconds(Long.parseLong(m.group(1)));
            return Optional.of(alwaysSlowMode || context.slowModeChat() ? new SlowMode(wait) : new FloodWait(wait));
        };
    }

    private static Row codeClass(int code, Function<TdError, TelegramError> meaning) {
        return (error, context) -> error.code() == code ? Optional.of(meaning.apply(error)) : Optional.empty();
    }

    private static final String GUEST_SEND_FORBIDDEN = "CHAT_GUEST_SEND_FORBIDDEN";

    private static final List<Row> TABLE = List.of(
            exact("PEER_FLOOD", m -> new PeerFlood()),
            exact("Have no write access to the chat", ChannelClosed::new),
            exact("Have no rights to send a message", ChannelClosed::new),
            exact("Can't access the chat", ChannelClosed::new),
            exact("Chat not found", ChannelClosed::new),
            exact("USER_BANNED_IN_CHANNEL", ChannelClosed::new),
            exact("CHAT_WRITE_FORBIDDEN", ChannelClosed::new),
            exact("CHANNEL_PRIVATE", ChannelClosed::new),
            exact(GUEST_SEND_FORBIDDEN, m -> new ChannelClosed(m + ": must join the discussion group first")),
            exact("Message not found", PostGone::new),
            exact("Message has no comments", PostGone::new),
            exact("Message has no thread", PostGone::new),
            waiting("Too Many Requests: retry after (\\d+)", false),
            waiting("FLOOD_WAIT_(\\d+)", false),
            waiting("SLOWMODE_WAIT_(\\d+)", true),
            codeClass(401, e -> new SessionGone(e.message())),
            codeClass(403, e -> new ChannelClosed(e.message())));

    private TdErrorMapping() {}

    /** Whether {@code error} says the discussion group must be joined before writing (CHAT_GUEST_SEND_FORBIDDEN). */
    public static boolean mustJoin(TelegramError error) {
        return error instanceof ChannelClosed closed && closed.reason().startsWith(GUEST_SEND_FORBIDDEN);
    }

    public static TelegramError map(TdError error, Context context) {
        for (Row row : TABLE) {
            Optional<TelegramError> meaning = row.match(error, context);
            if (meaning.isPresent()) {
                return meaning.get();
            }
        }
        return new Unknown(error.code(), error.message());
    }

    public static TelegramError map(TdError error) {
        return map(error, Context.NONE);
    }
}
