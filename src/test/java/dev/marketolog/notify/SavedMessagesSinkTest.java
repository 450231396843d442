package dev.marketolog.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.engine.Notification;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.sandbox.SandboxLink;
import dev.marketolog.telegram.sandbox.SandboxTelegram;
import dev.marketolog.telegram.sim.SavedMessage;
import dev.marketolog.telegram.sim.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NOTIFY_SAVED_MESSAGES through the sandbox adapter: each account's notes land in its own Saved Messages. */
class SavedMessagesSinkTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final SimOptions QUIET = SimOptions.builder(1, Instant.now(), Duration.ofDays(1)).postsPerDay(0).build();

    private final Sandbox sandbox = Sandbox.start(QUIET, List.of(), 0, Optional.empty());
    private final SandboxLink link = SandboxLink.open(HttpClient.newHttpClient(), URI.create(sandbox.url()), "test");
    private final SandboxTelegram bot1 = connect("bot1");
    private final SandboxTelegram bot2 = connect("bot2");

    @AfterEach
    void stop() {
        bot1.close();
        bot2.close();
        link.close();
        sandbox.close();
    }

    @Test
    void aNotificationAboutAnAccountGoesToItsOwnSavedMessagesAndTheRestToTheFirstAccount() throws Exception {
        SavedMessagesSink sink = new SavedMessagesSink(sessions(Map.of("bot1", bot1, "bot2", bot2)), List.of("bot1", "bot2"));

        sink.send(List.of(Notification.channelBanned("bot2", -1001, "the channel closed its comments", AT),
                Notification.llmDown(AT, AT)));

        assertThat(sandbox.world().savedMessages()).extracting(SavedMessage::account, SavedMessage::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bot2", "Marketolog: Channel banned\nbot2 put channel -1001 on its ban list: the channel closed its comments"),
                org.assertj.core.groups.Tuple.tuple("bot1", "Marketolog: LLM unavailable\nThe LLM has been unavailable since 2026-12-03 10:00 UTC: no comments are written"));
    }

    @Test
    void anAccountWithoutASessionHasItsNotesWrittenByTheFirstThatHasOne() throws Exception {
        SavedMessagesSink sink = new SavedMessagesSink(sessions(Map.of("bot2", bot2)), List.of("bot1", "bot2"));

        sink.send(List.of(Notification.sessionGone("bot1", "the session was terminated", AT)));

        assertThat(sandbox.world().savedMessages()).singleElement()
                .satisfies(note -> assertThat(note.account()).isEqualTo("bot2"));
    }

    @Test
    void withNoSessionAtAllTheBatchIsKeptForLater() {
        SavedMessagesSink sink = new SavedMessagesSink(sessions(Map.of()), List.of("bot1"));

        assertThatThrownBy(() -> sink.send(List.of(Notification.llmDown(AT, AT))))
                .isInstanceOf(SinkException.class).hasMessage("no account has a Telegram session");
    }

    private static AccountSessions sessions(Map<String, Telegram> open) {
        return account -> Optional.ofNullable(open.get(account));
    }

    private SandboxTelegram connect(String account) {
        return SandboxTelegram.connect(link, account, List.of());
    }
}
