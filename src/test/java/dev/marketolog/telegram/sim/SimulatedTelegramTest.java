package dev.marketolog.telegram.sim;

import dev.marketolog.engine.VirtualClock;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.TelegramContractTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The port's contract, run against the simulator. */
class SimulatedTelegramTest extends TelegramContractTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final long OPEN = -1001000000001L;
    private static final long CLOSED = -1001000000002L;
    private static final long UNKNOWN = -1001000000003L;

    @Override
    protected ContractWorld newWorld() {
        VirtualClock clock = new VirtualClock(START);
        SimOptions options = SimOptions.builder(1, START, Duration.ofDays(1)).postsPerDay(0).postGoneRate(0).forbidden(CLOSED).build();
        SimWorld world = SimWorld.create(options, List.of(OPEN, CLOSED), clock, clock::schedule);
        world.publish(OPEN, "Первый пост.", 1);
        clock.runUntil(START.plusSeconds(60));
        Post album = world.publish(OPEN, "Фотоотчёт с конференции.", 3);
        clock.runUntil(START.plusSeconds(120));
        world.publish(OPEN, "Третий пост.", 1);
        world.publish(CLOSED, "Пост в закрытом канале.", 1);
        return new ContractWorld(world.telegramFor("bot", List.of(OPEN, CLOSED)),
                OPEN, CLOSED, UNKNOWN, album.key(), 3);
    }
}
