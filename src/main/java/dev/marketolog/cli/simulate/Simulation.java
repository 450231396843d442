package dev.marketolog.cli.simulate;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Fleet;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.sim.SimWorld;
import dev.marketolog.telegram.sim.SimOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs the real engine (the {@link Fleet} {@code serve} runs, on in-memory stores) against a {@link SimWorld} on a
 * {@link VirtualClock}: everything happens on the calling thread, so the same settings and options give the same run.
 */
public final class Simulation {

    private Simulation() {}

    /** The allowlisted channels of all accounts, each once, in the order they first appear: the simulated world's channels. */
    public static List<Long> channels(List<AccountSettings> accounts) {
        LinkedHashSet<Long> channels = new LinkedHashSet<>();
        accounts.forEach(account -> channels.addAll(account.allowlist()));
        return List.copyOf(channels);
    }

    /**
     * @param writers the comment writer of each account
     * @param countLlmCalls whether the run reports the LLM calls its writers made
     */
    public static SimulationRun run(Settings settings, SimOptions options, Function<AccountSettings, CommentWriter> writers,
            boolean countLlmCalls) {
        VirtualClock clock = new VirtualClock(options.start());
        List<Long> channels = channels(settings.accounts());
        SimWorld world = SimWorld.create(options, channels, clock, clock::schedule);
        List<EngineEvent> events = new ArrayList<>();
        AtomicLong llmCalls = new AtomicLong();
        Fleet fleet = new Fleet(clock, InMemoryStores.create(clock), FleetRules.of(settings.process()),
                new SplittableRandom(options.seed()), events::add);
        for (AccountSettings account : settings.accounts()) {
            fleet.add(account, world.telegramFor(account.name(), account.allowlist()), new CountingWriter(writers.apply(account), llmCalls));
        }
        fleet.start();
        clock.runUntil(options.start().plus(options.length()));
        fleet.stop();
        return new SimulationRun(options, settings.accounts(), channels, world.posts(), events, world.violations(),
                countLlmCalls ? OptionalLong.of(llmCalls.get()) : OptionalLong.empty());
    }
}
