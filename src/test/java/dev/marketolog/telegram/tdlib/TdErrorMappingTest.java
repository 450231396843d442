package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramError.ChannelClosed;
import dev.marketolog.telegram.TelegramError.FloodWait;
import dev.marketolog.telegram.TelegramError.PeerFlood;
import dev.marketolog.telegram.TelegramError.PostGone;
import dev.marketolog.telegram.TelegramError.SessionGone;
import dev.marketolog.telegram.TelegramError.SlowMode;
import dev.marketolog.telegram.TelegramError.Unknown;
import dev.marketolog.telegram.tdlib.TdErrorMapping.Context;
import dev.marketolog.telegram.tdlib.TdObject.TdError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TdErrorMappingTest {

    private static TelegramError map(int code, String message) {
        return TdErrorMapping.map(new TdError(code, message));
    }

    @Test
    void peerFloodLimitsTheAccount() {
        assertThat(map(400, "PEER_FLOOD")).isEqualTo(new PeerFlood());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Have no write access to the chat",
        "Have no rights to send a message",
        "Can't access the chat",
        "Chat not found",
        "USER_BANNED_IN_CHANNEL",
        "CHAT_WRITE_FORBIDDEN",
        "CHANNEL_PRIVATE"
    })
    void closedChannelMessagesCloseTheChannelWithTheMessageAsReason(String message) {
        assertThat(map(400, message)).isEqualTo(new ChannelClosed(message));
    }

    @Test
    void guestSendForbiddenSaysTheGroupMustBeJoined() {
        assertThat(map(403, "CHAT_GUEST_SEND_FORBIDDEN"))
                .isEqualTo(new ChannelClosed("CHAT_GUEST_SEND_FORBIDDEN: must join the discussion group first"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Message not found", "Message has no comments", "Message has no thread"})
    void missingPostOrThreadMeansThePostIsGone(String message) {
        assertThat(map(400, message)).isEqualTo(new PostGone(message));
    }

    @Test
    void tdlibsRetryAfterIsAFloodWaitOfItsSeconds() {
        assertThat(map(429, "Too Many Requests: retry after 73")).isEqualTo(new FloodWait(Duration.ofSeconds(73)));
    }

    @Test
    void tdlibsRetryAfterInASlowModeGroupIsSlowMode() {
        assertThat(TdErrorMapping.map(new TdError(429, "Too Many Requests: retry after 30"), new Context(true)))
                .isEqualTo(new SlowMode(Duration.ofSeconds(30)));
    }

    @Test
    void floodWaitNIsAFloodWaitOfNSeconds() {
        assertThat(map(420, "FLOOD_WAIT_120")).isEqualTo(new FloodWait(Duration.ofSeconds(120)));
    }

    @Test
    void slowmodeWaitNIsSlowModeEvenWithoutKnownSlowMode() {
        assertThat(map(420, "SLOWMODE_WAIT_45")).isEqualTo(new SlowMode(Duration.ofSeconds(45)));
    }

    @Test
    void unauthorizedMeansTheSessionIsGone() {
        assertThat(map(401, "AUTH_KEY_UNREGISTERED")).isEqualTo(new SessionGone("AUTH_KEY_UNREGISTERED"));
    }

    @Test
    void otherForbiddenSendsCloseTheChannel() {
        assertThat(map(403, "CHAT_SEND_PLAIN_FORBIDDEN")).isEqualTo(new ChannelClosed("CHAT_SEND_PLAIN_FORBIDDEN"));
    }

    @Test
    void anythingElseIsUnknownWithCodeAndMessage() {
        assertThat(map(400, "MESSAGE_TOO_LONG")).isEqualTo(new Unknown(400, "MESSAGE_TOO_LONG"));
        assertThat(map(429, "Too Many Requests")).isEqualTo(new Unknown(429, "Too Many Requests"));
    }
}
