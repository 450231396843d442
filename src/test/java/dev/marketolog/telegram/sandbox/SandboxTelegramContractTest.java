package dev.marketolog.telegram.sandbox;

import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.TelegramContractTest;
import dev.marketolog.telegram.sim.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The port's contract, met over HTTP by the sandbox adapter against a real sandbox server. */
class SandboxTelegramContractTest extends TelegramContractTest {

    private static final long OPEN = -1001000000001L;
    private static final long CLOSED = -1001000000002L;
    /** A basic group's id, not a channel's: the sandbox makes a channel appear for a channel id only. */
    private static final long UNKNOWN = -123456789L;

    private Sandbox sandbox;
    private SandboxLink link;
    private SandboxTelegram telegram;

    @Override
    protected ContractWorld newWorld() {
        SimOptions options = SimOptions.builder(1, Instant.now(), Duration.ofDays(1)).postsPerDay(0).postGoneRate(0)
                .forbidden(CLOSED).build();
        sandbox = Sandbox.start(options, List.of(OPEN, CLOSED), 0, Optional.empty());
        sandbox.world().publish(OPEN, "Первый пост.", 1);
        Post album = sandbox.world().publish(OPEN, "Фотоотчёт с конференции.", 3);
        sandbox.world().publish(OPEN, "Третий пост.", 1);
        sandbox.world().publish(CLOSED, "Пост в закрытом канале.", 1);
        link = SandboxLink.open(HttpClient.newHttpClient(), URI.create(sandbox.url()), "test");
        telegram = SandboxTelegram.connect(link, "bot", List.of(OPEN, CLOSED));
        return new ContractWorld(telegram, OPEN, CLOSED, UNKNOWN, album.key(), 3);
    }

    @AfterEach
    void stop() {
        telegram.close();
        link.close();
        sandbox.close();
    }
}
